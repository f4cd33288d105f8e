import { useState } from 'preact/hooks';
import { download } from '../../app/crypto-client';
import { formatResearcherKey } from '../../core/link/index';
import { useApp } from '../context';
import { CopyText } from '../components/CopyText';
import { TextQr } from '../share/QrCode';

/**
 * The researcher's key: made on this device, downloaded as an age identity file (age-keygen's format),
 * never stored by the app. Its recipient (age1...) goes into each study's settings on the tablets:
 * copied, or scanned from the QR code shown here (`DALA-KEY-1 age1...`, docs/links.md).
 */
export function ResearcherKey() {
  const { t } = useApp();
  const [recipient, setRecipient] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const make = async () => {
    setBusy(true);
    try {
      const { generateIdentity, identityFileText } = await import('../../adapters/crypto-age/keys');
      const id = await generateIdentity();
      download(`dala-researcher-${id.recipient.slice(4, 12)}.key.txt`, identityFileText(id, new Date()), 'text/plain');
      setRecipient(id.recipient);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card stack" aria-labelledby="key-h">
      <h2 id="key-h">{t('keyTitle')}</h2>
      <p class="banner warn">{t('keyWarning')}</p>
      <button class="btn" disabled={busy} onClick={() => void make()} data-testid="make-key">{t('keyMake')}</button>
      {recipient && (
        <div class="stack" data-testid="key-made">
          <p>{t('keyMade')}</p>
          <div class="stack">
            <span class="label small">{t('keyRecipient')}</span>
            <CopyText text={recipient} testid="recipient" label={t('keyRecipient')} />
          </div>
          <TextQr text={formatResearcherKey({ recipient, fields: {} })} ecc="M" label={t('keyQrLabel')} testid="key-qr" class="qr-key" />
        </div>
      )}
    </section>
  );
}
