// Moves the focus to what the state just set will draw: an error summary, a message, a new field.
// A requestAnimationFrame is not enough: on a busy machine (a phone, a loaded test runner) React
// may render after the frame, and the focus then went nowhere. The effect runs once React has
// committed the render that the request came with, so the element is there.
import { useCallback, useEffect, useRef, useState } from 'react';

type Target = () => HTMLElement | null | undefined;

/** `focusAfterRender(() => ref.current)`, called next to the state change that draws it. */
export function useFocusAfterRender(): (target: Target) => void {
  const pending = useRef<Target | null>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    const target = pending.current;
    pending.current = null;
    target?.()?.focus();
  }, [request]);
  return useCallback((target: Target) => {
    pending.current = target;
    setRequest((n) => n + 1);
  }, []);
}
