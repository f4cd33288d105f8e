import type { UpdateHandle } from '../../app/sw-register';
import { useApp } from '../context';
import { useObservable, type Observable } from '../observable';

/**
 * "A new version is ready": offered only when no draft is open, so an update never reloads an interview.
 * When another tab took the update already, this tab runs the older version: it says so and offers a
 * reload, which the interviewer may take with a draft open (every answer is saved).
 */
export function UpdateBanner(p: { update: Observable<UpdateHandle | null>; draftOpen: Observable<boolean> }) {
  const { t } = useApp();
  const update = useObservable(p.update);
  const draftOpen = useObservable(p.draftOpen);
  if (!update) return null;
  if (update.elsewhere) {
    return (
      <div class="banner info" role="status" data-testid="updated-elsewhere">
        {t('updatedElsewhere')}{' '}
        <button class="btn small" onClick={() => void update.apply()}>{t('reload')}</button>
      </div>
    );
  }
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
