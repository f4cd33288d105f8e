import type { UpdateHandle } from '../../app/sw-register';
import { useApp } from '../context';
import { useObservable, type Observable } from '../observable';

/** "A new version is ready": offered only when no draft is open, so an update never reloads an interview. */
export function UpdateBanner(p: { update: Observable<UpdateHandle | null>; draftOpen: Observable<boolean> }) {
  const { t } = useApp();
  const update = useObservable(p.update);
  const draftOpen = useObservable(p.draftOpen);
  if (!update) return null;
  return (
    <div class="banner info" role="status" data-testid="update-banner">
      {t('updateReady')}{' '}
      {draftOpen ? (
        <span>{t('updateAfterDraft')}</span>
      ) : (
        <button class="btn small" data-testid="update-now" onClick={() => !p.draftOpen.get() && void update.apply()}>
          {t('updateNow')}
        </button>
      )}
    </div>
  );
}
