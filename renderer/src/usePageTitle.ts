import { useEffect } from 'react';

/** Each route names its page in the tab title (RGAA 8.6). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Portail Famille`;
  }, [title]);
}
