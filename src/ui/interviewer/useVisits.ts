/**
 * Paradata (docs/paradata.md): which question had the focus, and for how long. A visit starts when
 * the focus enters a question (`[data-item]`) and ends when it leaves it, the screen changes, or the
 * page is hidden; each visit is kept as a `question` event.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../context';

export function useVisits(sessionId: string, enabled: boolean): void {
  const { app } = useApp();
  const appRef = useRef(app);
  appRef.current = app;
  useEffect(() => {
    if (!enabled) return;
    let current: { item: string; start: string } | null = null;
    const close = () => {
      if (!current) return;
      const { item, start } = current;
      current = null;
      const end = new Date().toISOString();
      const a = appRef.current as { recordVisit?: (s: string, i: string, a: string, b: string) => Promise<void> };
      if (typeof a.recordVisit === 'function') void a.recordVisit(sessionId, item, start, end).catch(() => {});
    };
    const itemOf = (target: EventTarget | null): string | null => {
      const el = target instanceof Element ? target.closest('[data-item]') : null;
      return el?.getAttribute('data-item') ?? null;
    };
    const onIn = (e: FocusEvent) => {
      const item = itemOf(e.target);
      if (item === current?.item) return;
      close();
      if (item) current = { item, start: new Date().toISOString() };
    };
    const onOut = (e: FocusEvent) => {
      if (itemOf(e.relatedTarget) !== current?.item) close();
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') close();
    };
    document.addEventListener('focusin', onIn);
    document.addEventListener('focusout', onOut);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      close();
      document.removeEventListener('focusin', onIn);
      document.removeEventListener('focusout', onOut);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [sessionId, enabled]);
}
