import { useEffect, useState } from 'preact/hooks';
import { looksLikeDeviceCard, parseDeviceCard, type DeviceCard } from '../../core/trust/device-card';
import { fingerprint } from '../../core/trust/keys';
import type { KnownDevice } from '../../core/trust/readers';
import { useApp } from '../context';
import { QrScanner } from '../scan/QrScanner';

/**
 * The researcher accepts a device ahead of its first file: the device's card (Settings on the device:
 * a QR code, or text to copy) scanned or pasted, its name and fingerprint compared with the device's
 * screen, then accepted. Its files then import without the "new device" step. The devices accepted
 * so far are listed with their fingerprints.
 */
export function EnrollDevice() {
  const { app, t } = useApp();
  const [scanning, setScanning] = useState(false);
  const [pasted, setPasted] = useState('');
  const [card, setCard] = useState<DeviceCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<'accepted' | 'known' | 'other-key' | null>(null);
  const [known, setKnown] = useState<KnownDevice[]>([]);
  const refresh = () => void app.knownDevices().then((k) => setKnown(Object.values(k)));
  useEffect(refresh, [app]);

  const take = (text: string) => {
    if (!looksLikeDeviceCard(text)) {
      setError(t('enrollNotCard'));
      return;
    }
    const parsed = parseDeviceCard(text);
    setScanning(false);
    setOutcome(null);
    if (!parsed.ok) {
      setCard(null);
      setError(`${t('enrollBadCard')} ${parsed.message}`);
      return;
    }
    setError(null);
    setCard(parsed.card);
  };
  const accept = async () => {
    if (!card) return;
    setOutcome(await app.enrollDevice(card));
    setCard(null);
    setPasted('');
    refresh();
  };

  return (
    <details class="card stack" data-testid="enroll">
      <summary>{t('enrollTitle')}</summary>
      <p class="small muted">{t('enrollHint')}</p>
      {scanning ? (
        <QrScanner label={t('enrollVideo')} onText={take} onStop={() => setScanning(false)} />
      ) : (
        <p class="row">
          <button class="btn" type="button" onClick={() => setScanning(true)} data-testid="enroll-scan">{t('enrollScan')}</button>
        </p>
      )}
      <label class="field">
        <span class="label small">{t('enrollPaste')}</span>
        <textarea rows={2} spellcheck={false} value={pasted} onInput={(e) => setPasted((e.currentTarget as HTMLTextAreaElement).value)} data-testid="enroll-paste" />
      </label>
      <p class="row">
        <button class="btn" type="button" disabled={!pasted.trim()} onClick={() => take(pasted)} data-testid="enroll-read">{t('enrollRead')}</button>
      </p>
      {error && <p class="issue" role="alert" data-testid="enroll-error">{error}</p>}
      {card && (
        <div class="banner stack" data-testid="enroll-card">
          <p>
            <strong>{card.label ?? card.id}</strong> · <span class="code" data-testid="enroll-fingerprint">{fingerprint(card.key)}</span>
          </p>
          <p class="small">{t('enrollCompare')}</p>
          <p class="row">
            <button class="btn primary" type="button" onClick={() => void accept()} data-testid="enroll-accept">{t('enrollAccept')}</button>
            <button class="btn" type="button" onClick={() => setCard(null)}>{t('cancel')}</button>
          </p>
        </div>
      )}
      {outcome && (
        <p role="status" class={outcome === 'other-key' ? 'banner warn' : 'notice'} data-testid="enroll-outcome" data-outcome={outcome}>
          {t(outcome === 'accepted' ? 'enrollAccepted' : outcome === 'known' ? 'enrollKnown' : 'enrollOtherKey')}
        </p>
      )}
      {known.length > 0 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t('enrollKnownList')}>
          <table class="stats" data-testid="known-devices">
            <caption class="sr-only">{t('enrollKnownList')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('deviceLabel')}</th>
                <th scope="col">{t('deviceFingerprint')}</th>
              </tr>
            </thead>
            <tbody>
              {known.map((d) => (
                <tr key={d.id} data-device={d.id}>
                  <td>{d.label ?? d.id}</td>
                  <td class="code">{fingerprint(d.key)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
