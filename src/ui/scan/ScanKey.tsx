import { useState } from 'preact/hooks';
import { parseResearcherKey, scannedKind, type KeyFailure } from '../../core/link/index';
import type { MessageKey } from '../../app/i18n';
import { useApp } from '../context';
import { QrScanner } from './QrScanner';

const REFUSED: Record<KeyFailure, MessageKey> = {
  empty: 'scanNotKey',
  'too-long': 'scanNotKey',
  'not-a-key': 'scanNotKey',
  field: 'scanNotKey',
  recipients: 'scanNotKey',
  version: 'scanKeyVersion',
  'post-quantum': 'scanKeyPostQuantum',
  checksum: 'scanKeyDamaged',
};

/**
 * "Scan the researcher's key": the camera until a QR code holds a researcher's key, then the key
 * itself to confirm before it is added. Any other code is named ("a study link, not a key") and the
 * camera keeps looking. `onAdd` gets the recipient (age1...).
 */
export function ScanKey(p: { onAdd(recipient: string): void; onClose(): void }) {
  const { t } = useApp();
  const [found, setFound] = useState<string | null>(null);
  const [note, setNote] = useState<{ key: MessageKey; detail?: string } | null>(null);
  const [round, setRound] = useState(0);

  const onText = (text: string) => {
    const kind = scannedKind(text);
    if (kind === 'study-part' || kind === 'study-link') return setNote({ key: 'scanIsStudy' });
    if (kind !== 'key') return setNote({ key: 'scanNotKey' });
    const parsed = parseResearcherKey(text);
    if (!parsed.ok) return setNote({ key: REFUSED[parsed.reason], detail: parsed.message });
    setNote(null);
    setFound(parsed.key.recipient);
  };

  if (found) {
    return (
      <div class="card stack" role="group" aria-labelledby="scan-found-h" data-testid="scan-key-found">
        <h3 id="scan-found-h">{t('scanKeyFound')}</h3>
        <p><code class="code small break" data-testid="scanned-recipient">{found}</code></p>
        <p class="muted small">{t('scanKeyConfirm')}</p>
        <div class="row">
          <button class="btn primary" type="button" onClick={() => p.onAdd(found)} data-testid="scan-key-add">{t('scanKeyAdd')}</button>
          <button class="btn" type="button" onClick={() => (setFound(null), setRound(round + 1))} data-testid="scan-again">{t('scanAgain')}</button>
          <button class="btn" type="button" onClick={p.onClose}>{t('cancel')}</button>
        </div>
      </div>
    );
  }
  return (
    <div class="stack" data-testid="scan-key">
      <QrScanner key={round} label={t('scanKeyVideo')} onText={onText} onStop={p.onClose} />
      {note && (
        <p class="banner warn" role="alert" data-testid="scan-note">
          {t(note.key)}
          {note.detail && <span lang="en" class="small"> ({note.detail})</span>}
        </p>
      )}
      <p class="muted small">{t('scanKeyPaste')}</p>
    </div>
  );
}
