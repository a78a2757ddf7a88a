// Who is connected: read once from GET /api/session, refreshed after login and logout.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, UNAUTHENTICATED_EVENT, type SessionUser } from './api.js';

interface SessionValue {
  /** undefined while loading, null when nobody is connected. */
  user: SessionUser | null | undefined;
  error: string | null;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      const session = await api.getSession();
      setUser(session.user);
      setError(null);
    } catch (e) {
      setUser(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  const logout = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setUser(null);
  }, []);
  useEffect(() => {
    void refresh();
    const onGone = () => setUser(null);
    window.addEventListener(UNAUTHENTICATED_EVENT, onGone);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onGone);
  }, [refresh]);
  return <SessionContext.Provider value={{ user, error, refresh, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>.');
  return value;
}
