import { useState } from 'preact/hooks';
import { formatResearcherKey, parseRecipientList } from '../../core/link/index';
import type { StudyRecord } from '../../app/model';
import { useApp } from '../context';
import { CopyText } from '../components/CopyText';
import { Lazy } from '../components/Lazy';
import { TextQr } from '../share/QrCode';

/**
 * The researcher's public keys (age1...) this device encrypts the study's data to: each with Copy
 * and its QR code (for the next tablet), a field to paste keys into, and "Scan the researcher's
 * key" with the camera (docs/links.md, "The researcher's key"). A key is checked to its checksum
 * before it is kept: a mistyped key would encrypt the data to a key nobody holds.
 */
export function Recipients(p: { study: StudyRecord; onChange(s: StudyRecord): void }) {
  const { app, t } = useApp();
  const saved = app.recipientsOf(p.study);
  const [text, setText] = useState(saved.join('\n'));
  const [error, setError] = useState<{ line: number; detail: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [shownQr, setShownQr] = useState<string | null>(null);

  const keep = async (list: string[], message: string) => {
    const next = await app.setRecipients(p.study, list);
    p.onChange(next);
    setText(list.join('\n'));
    setStatus(message);
  };
  const save = async () => {
    const parsed = parseRecipientList(text);
    if (!parsed.ok) {
      setStatus(null);
      return setError({ line: parsed.line, detail: parsed.message });
    }
    setError(null);
    await keep(parsed.recipients, t('saved'));
  };
  const addScanned = async (recipient: string) => {
    setScanning(false);
    setError(null);
    await keep(saved.includes(recipient) ? saved : [...saved, recipient], t('scanKeyAdded'));
  };

  return (
    <details>
      <summary>{t('recipientsTitle', { n: saved.length })}</summary>
      {saved.length > 0 && (
        <ul class="keys" data-testid="recipient-list">
          {saved.map((r) => (
            <li key={r} class="stack">
              <CopyText text={r} testid="study-recipient" label={t('keyRecipient')} />
              <div class="row">
                <button class="btn small" type="button" aria-expanded={shownQr === r} onClick={() => setShownQr(shownQr === r ? null : r)} data-testid="show-key-qr">
                  {shownQr === r ? t('keyQrHide') : t('keyQrShow')}
                </button>
              </div>
              {shownQr === r && <TextQr text={formatResearcherKey({ recipient: r, fields: {} })} ecc="M" label={t('keyQrLabel')} testid="study-key-qr" class="qr-key" />}
            </li>
          ))}
        </ul>
      )}
      <label class="field">
        <span class="label small">{t('recipientsHint')}</span>
        <textarea rows={3} value={text} onInput={(e) => (setText((e.currentTarget as HTMLTextAreaElement).value), setStatus(null))} data-testid="recipients" spellcheck={false} />
      </label>
      {error && (
        <p class="issue" role="alert" data-testid="recipients-error">
          {t('badRecipientLine', { line: error.line })} <span lang="en" class="small">({error.detail})</span>
        </p>
      )}
      <div class="row">
        <button class="btn small" onClick={() => void save()} data-testid="save-recipients">{t('save')}</button>
        {!scanning && <button class="btn small" type="button" onClick={() => (setScanning(true), setStatus(null))} data-testid="scan-key">{t('scanKey')}</button>}
        {status && <span class="muted small" role="status" data-testid="recipients-status">{status}</span>}
      </div>
      {scanning && <Lazy load={() => import('../scan/ScanKey').then((m) => m.ScanKey)} props={{ onAdd: (r: string) => void addScanned(r), onClose: () => setScanning(false) }} />}
    </details>
  );
}
