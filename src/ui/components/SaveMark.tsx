import type { SaveStatus } from '../../app/answer-saver';
import type { MessageKey } from '../../app/i18n';

/** "Saved" appears only after the IndexedDB transaction completed (see AnswerSaver). */
export function SaveMark(p: { save: { status: SaveStatus; error?: string } | undefined; item: string; t(key: MessageKey, params?: Record<string, string | number>): string }) {
  const s = p.save?.status;
  if (!s) return <span class="save" data-testid={`status-${p.item}`} />;
  const text = s === 'saved' ? p.t('saved') : s === 'saving' ? p.t('saving') : s === 'pending' ? p.t('typing') : p.t('notSaved');
  return (
    <span class={`save ${s}`} data-testid={`status-${p.item}`} data-status={s} title={p.save?.error} aria-live="polite">
      {s === 'saved' ? '✓ ' : s === 'error' ? '⚠ ' : ''}
      {text}
    </span>
  );
}
