import { useState } from 'preact/hooks';
import { download } from '../../app/crypto-client';
import { useApp } from '../context';

/**
 * The researcher's key: made on this device, downloaded as an age identity file (age-keygen's format),
 * never stored by the app. Its recipient (age1...) goes into each study's settings on the tablets.
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
          <p>
            <span class="label small">{t('keyRecipient')}</span>
            <br />
            <code class="code small" data-testid="recipient">{recipient}</code>
          </p>
        </div>
      )}
    </section>
  );
}
