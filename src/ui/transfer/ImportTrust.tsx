import { useState } from 'preact/hooks';
import type { ImportDecisions } from '../../app/dala';
import type { PreparedImport } from '../../app/transfer';
import { useApp } from '../context';

/**
 * Who wrote the files, before anything of theirs is imported: a device seen for the first time is
 * shown with its name and fingerprint (the device shows the same in its Settings), and what its file
 * would bring; it is accepted once, by ticking it. Files without a signature (from a Dala before
 * signatures) are read only when allowed. The report is worked out again with the decisions.
 */
export function ImportTrust(p: { prepared: PreparedImport; decisions: ImportDecisions; onDecide(d: ImportDecisions): void }) {
  const { t } = useApp();
  const { newDevices, unsigned } = p.prepared;
  const [accept, setAccept] = useState<Map<string, string>>(new Map(p.decisions.accept ?? []));
  const [allowUnsigned, setAllowUnsigned] = useState(p.decisions.allowUnsigned === true);
  if (newDevices.length === 0 && unsigned.length === 0 && !p.decisions.accept?.size && !p.decisions.allowUnsigned) return null;
  const toggle = (id: string, key: string, on: boolean) => {
    const next = new Map(accept);
    if (on) next.set(id, key);
    else next.delete(id);
    setAccept(next);
  };
  return (
    <section class="card stack" aria-labelledby="trust-h" data-testid="import-trust">
      <h2 id="trust-h">{t('trustTitle')}</h2>
      {newDevices.length > 0 && <p class="muted small">{t('trustNewDevicesHint')}</p>}
      <ul class="stack">
        {newDevices.map((d) => (
          <li key={`${d.id}:${d.file}`} class={d.changes > 0 ? 'banner warn' : ''} data-testid="new-device" data-device={d.id}>
            <label class="choice">
              <input type="checkbox" checked={accept.get(d.id) === d.key} onChange={(e) => toggle(d.id, d.key, (e.currentTarget as HTMLInputElement).checked)} data-testid={`accept-${d.id}`} />
              <span>
                <strong>{d.label ?? d.id}</strong> · <span class="code" data-testid="device-fingerprint">{d.fingerprint}</span>
                <br />
                <span class="small">{t('trustDeviceBrings', { file: d.file, n: d.responses, changes: d.changes })}</span>
                {d.changes > 0 && <span class="small"> {t('trustDeviceChanges')}</span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {unsigned.length > 0 && (
        <label class="choice">
          <input type="checkbox" checked={allowUnsigned} onChange={(e) => setAllowUnsigned((e.currentTarget as HTMLInputElement).checked)} data-testid="allow-unsigned" />
          <span>{t('trustAllowUnsigned', { files: unsigned.join(', ') })}</span>
        </label>
      )}
      <div class="row">
        <button class="btn" onClick={() => p.onDecide({ accept, allowUnsigned })} data-testid="trust-apply">{t('trustApply')}</button>
      </div>
    </section>
  );
}
