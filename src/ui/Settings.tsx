import { useEffect, useState } from 'preact/hooks';
import { APP_LANGS, type AppLang } from '../app/i18n';
import { formatBytes, requestPersistence } from '../app/storage-status';
import { useApp } from './context';
import { useObservable } from './observable';
import { ResearcherKey } from './transfer/ResearcherKey';
import { DataLockSettings } from './DataLockSettings';
import { TextQr } from './share/QrCode';
import { CopyText } from './components/CopyText';

/** The app's language, the storage state (persistent or not, how much is used), the data lock and this device's id. */
export function Settings() {
  const { app, t, lang, setLang, refreshStorage, storage: status } = useApp();
  const storage = useObservable(status);
  useEffect(() => refreshStorage(), []);
  const [deviceLabel, setDeviceLabel] = useState('');
  const [labelSaved, setLabelSaved] = useState(false);
  useEffect(() => void app.deviceInfo().then((d) => setDeviceLabel(d.label ?? '')), [app]);
  // Media files (photos, recordings) per study: the bulk of what a study keeps.
  const [media, setMedia] = useState<[string, number][]>([]);
  useEffect(() => void app.media().then((m) => m.usageByStudy()).then((u) => setMedia([...u].sort())), [app]);
  const [print, setPrint] = useState<string | null>(null);
  useEffect(() => void Promise.all([app.deviceKey(), import('../core/trust/keys')]).then(([k, m]) => setPrint(m.fingerprint(k.publicKey))), [app]);
  // The card a researcher scans to accept this device ahead of its first file (with its name).
  const [card, setCard] = useState<string | null>(null);
  useEffect(() => void app.deviceCard().then(setCard), [app]);
  const saveLabel = async () => {
    await app.setDeviceLabel(deviceLabel);
    setLabelSaved(true);
    setCard(await app.deviceCard());
  };
  return (
    <div class="stack narrow">
      <h1>{t('settings')}</h1>
      <label class="field">
        <span class="label">{t('appLanguage')}</span>
        <select value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as AppLang)}>
          {APP_LANGS.map((l) => (
            <option key={l.code} value={l.code}>{l.name}</option>
          ))}
        </select>
      </label>
      <section aria-labelledby="storage-h" class="card">
        <h2 id="storage-h">{t('storage')}</h2>
        <p data-testid="storage-state" class={storage?.persistent ? 'notice' : 'banner warn'}>
          {storage?.persistent === null || !storage ? t('storageUnknown') : storage.persistent ? t('storagePersistent') : t('storageNotPersistent')}
        </p>
        {storage && <p data-testid="storage-usage">{t('storageUsed', { used: formatBytes(storage.usage), quota: formatBytes(storage.quota) })}</p>}
        {media.length > 0 && (
          <ul class="plain" data-testid="storage-media">
            {media.map(([study, bytes]) => (
              <li key={study}>
                <span class="code">{study}</span>: {t('mediaStorageUsed', { size: formatBytes(bytes) })}
              </li>
            ))}
          </ul>
        )}
        {storage && !storage.persistent && (
          <button class="btn" onClick={() => void requestPersistence().then(refreshStorage)}>{t('askPersist')}</button>
        )}
      </section>
      <DataLockSettings />
      <section aria-labelledby="device-h" class="card stack">
        <h2 id="device-h">{t('deviceTitle')}</h2>
        <label class="field">
          <span class="label">{t('deviceLabel')}</span>
          <input type="text" maxLength={80} value={deviceLabel} onInput={(e) => (setDeviceLabel((e.currentTarget as HTMLInputElement).value), setLabelSaved(false))} data-testid="device-label" />
          <span class="hint">{t('deviceLabelHint')}</span>
        </label>
        <div class="row">
          <button class="btn" onClick={() => void saveLabel()} data-testid="device-label-save">{t('save')}</button>
          {labelSaved && <span role="status" class="muted small">{t('saved')}</span>}
        </div>
        <p class="small">
          {t('deviceFingerprint')}: <span class="code" data-testid="device-fingerprint">{print ?? '…'}</span>
          <br />
          <span class="muted">{t('deviceFingerprintHint')}</span>
        </p>
        {card && (
          <details data-testid="device-card-box">
            <summary>{t('deviceCardShow')}</summary>
            <p class="small muted">{t('deviceCardHint')}</p>
            <TextQr text={card} label={t('deviceCardQr')} testid="device-qr" ecc="M" />
            <CopyText text={card} testid="device-card" label={t('deviceCardText')} />
          </details>
        )}
      </section>
      <ResearcherKey />
      <p class="muted small">
        {t('deviceId')}: <span class="code">{app.deviceId}</span>
        <br />
        {t('appVersion')}: <span class="code" data-testid="app-version">{__DALA_VERSION__}{__DALA_BUILD__ ? ` (${__DALA_BUILD__})` : ''}</span>
      </p>
    </div>
  );
}
