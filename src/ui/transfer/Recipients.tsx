import { useState } from 'preact/hooks';
import type { StudyRecord } from '../../app/model';
import { useApp } from '../context';

const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** The researcher's public keys (age1...) this device encrypts the study's data to. */
export function Recipients(p: { study: StudyRecord; onChange(s: StudyRecord): void }) {
  const { app, t } = useApp();
  const [text, setText] = useState(app.recipientsOf(p.study).join('\n'));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = async () => {
    const list = text.split(/\s+/).filter(Boolean);
    const bad = list.find((r) => !RECIPIENT.test(r));
    if (bad) return setError(t('badRecipient', { r: bad.length > 20 ? bad.slice(0, 20) + '…' : bad }));
    setError(null);
    p.onChange(await app.setRecipients(p.study, list));
    setSaved(true);
  };
  return (
    <details>
      <summary>{t('recipientsTitle', { n: app.recipientsOf(p.study).length })}</summary>
      <label class="field">
        <span class="label small">{t('recipientsHint')}</span>
        <textarea rows={3} value={text} onInput={(e) => (setText((e.currentTarget as HTMLTextAreaElement).value), setSaved(false))} data-testid="recipients" spellcheck={false} />
      </label>
      {error && <p class="issue" role="alert">{error}</p>}
      <div class="row">
        <button class="btn small" onClick={() => void save()} data-testid="save-recipients">{t('save')}</button>
        {saved && <span class="muted small" role="status">{t('saved')}</span>}
      </div>
    </details>
  );
}
