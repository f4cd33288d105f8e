/**
 * The results route, kept out of the first page's JavaScript: this small wrapper is all the main
 * bundle holds; the screen and the scoring code are fetched (from the precache, offline) when the
 * route is opened. Preact core has no `lazy`, so an effect imports the module and renders it.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context';
import { LoadFailed } from '../components/Lazy';

type Props = { studyId: string; studyVersion: string };

export function ResultsRoute(props: Props) {
  const { t, messagesComplete } = useApp();
  const [Screen, setScreen] = useState<ComponentType<Props> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('./Results').then(
      (m) => live && setScreen(() => m.Results),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  if (failed) return <LoadFailed detail={failed} />;
  if (!Screen || !messagesComplete) return <p aria-busy="true">{t('resLoading')}</p>;
  return <Screen {...props} />;
}
