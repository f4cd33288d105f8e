import { useEffect, useState } from 'preact/hooks';
import type { SetAsideRecord } from '../../app/model';
import { download } from '../../app/crypto-client';
import { setAsideJson } from '../../core/bundle/set-aside';
import { shortId } from '../../core/bundle/errors';
import { useApp } from '../context';
import { formatDateTime } from '../components/format';

/**
 * Records of imported files that could not be read: each with its file, place and reason. They can be
 * downloaded as they were (to repair and import again) and removed, only after a confirmation.
 */
export function SetAsideList() {
  const { app, t, lang } = useApp();
  const [records, setRecords] = useState<SetAsideRecord[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const reload = () => void app.listSetAside().then(setRecords);
  useEffect(reload, [app]);
  if (!records || records.length === 0) return null;
  const remove = async () => {
    await app.deleteSetAside(records.map((r) => r.key));
    setConfirming(false);
    reload();
  };
  const plain = records.map((r) => r.aside);
  return (
    <section class="card stack" aria-labelledby="aside-h" data-testid="set-aside">
      <h2 id="aside-h">{t('setAsideTitle', { n: records.length })}</h2>
      <p class="muted small">{t('setAsideHint')}</p>
      <ul class="stack">
        {records.map(({ key, at, aside }) => (
          <li key={key} data-testid="set-aside-record">
            <span class="code small">
              {aside.file} · {aside.list}[{aside.index}]{aside.id ? ` · ${shortId(aside.id)}` : ''}
            </span>
            <div class="issue small">{aside.reason}</div>
            <span class="muted small">{formatDateTime(at, lang)}</span>
          </li>
        ))}
      </ul>
      <div class="row">
        <button class="btn" onClick={() => download(`dala-set-aside-${records.length}.json`, setAsideJson(plain, new Date().toISOString()), 'application/json')} data-testid="set-aside-download">
          {t('setAsideDownload')}
        </button>
        {!confirming ? (
          <button class="btn" onClick={() => setConfirming(true)} data-testid="set-aside-remove">{t('setAsideRemove')}</button>
        ) : (
          <div class="banner warn" role="alertdialog" aria-labelledby="aside-q">
            <p id="aside-q">{t('setAsideRemoveConfirm', { n: records.length })}</p>
            <div class="row">
              <button class="btn primary" onClick={() => void remove()} data-testid="set-aside-remove-yes">{t('deleteYes')}</button>
              <button class="btn" onClick={() => setConfirming(false)}>{t('cancel')}</button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
