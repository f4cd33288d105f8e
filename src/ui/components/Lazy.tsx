/**
 * A screen kept out of the first page's JavaScript: its module is fetched (from the precache, offline)
 * when the screen is first shown. Preact core has no `lazy`; an effect imports and then renders it.
 * Give it a `key` per screen, so a different screen loads afresh. It is drawn once the app has every
 * word too (the first page has only its own: src/app/i18n/index.ts).
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context';

/**
 * A screen's code that could not be loaded: almost always a tab of an older version whose files the
 * update taken in another tab removed. Says to reload (answers are saved as given), with the
 * browser's words under "Details".
 */
export function LoadFailed(p: { detail: string }) {
  const { t } = useApp();
  return (
    <div class="banner warn stack" role="alert" data-testid="load-failed">
      <p>{t('loadFailed')}</p>
      <div class="row">
        <button class="btn primary" type="button" onClick={() => location.reload()} data-testid="load-failed-reload">{t('reload')}</button>
      </div>
      <details>
        <summary>{t('details')}</summary>
        <p lang="en" class="small">{p.detail}</p>
      </details>
    </div>
  );
}

/** `ready`: the screen's code when it is loaded already (drawn in the first render, once the words are here). */
export function Lazy<P extends object>(p: { load: () => Promise<ComponentType<P>>; props: P; ready?: ComponentType<P> | null }) {
  const { messagesComplete } = useApp();
  const [Screen, setScreen] = useState<ComponentType<P> | null>(() => p.ready ?? null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (Screen) return;
    let live = true;
    p.load().then(
      (C) => live && setScreen(() => C),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  if (failed) return <LoadFailed detail={failed} />;
  if (!Screen || !messagesComplete) return <p aria-busy="true">…</p>;
  return <Screen {...p.props} />;
}
