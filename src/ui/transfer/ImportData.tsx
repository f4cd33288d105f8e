import { useState } from 'preact/hooks';
import type { CommittedImport, PreparedImport } from '../../app/transfer';
import type { ReceiptOutcome } from '../../app/dala';
import { download } from '../../app/crypto-client';
import { receiptFileName } from '../../core/bundle/receipt';
import { shortId } from '../../core/bundle/errors';
import { isRefusedFile } from '../../core/merge/report';
import { readPickedFile } from '../../app/picked-file';
import type { MessageKey } from '../../app/i18n';
import { useApp } from '../context';
import { href } from '../route';
import { SetAsideList } from './SetAsideList';
import { EnrollDevice } from './EnrollDevice';
import { ImportTrust } from './ImportTrust';
import type { ImportDecisions } from '../../app/dala';

/** What a researcher reads for each reason a whole file is refused. */
const FILE_ERRORS = {
  'new-device': 'importErrNewDevice',
  unsigned: 'importErrUnsigned',
  impostor: 'importErrImpostor',
  'bundle-signature': 'importErrSignature',
  'decrypt-key': 'importErrKey',
  'decrypt-passphrase': 'importErrPassphrase',
  'decrypt-damaged': 'importErrDamaged',
  'work-factor': 'importErrWorkFactor',
  'too-large': 'importErrTooLarge',
  unreadable: 'importErrDamaged',
  'bundle-format': 'importErrFormat',
  csv: 'importErrCsv',
  key: 'importErrKey',
  media: 'importErrMedia',
} as const satisfies Record<string, MessageKey>;

function fileError(code: string | undefined): MessageKey {
  return code !== undefined && Object.hasOwn(FILE_ERRORS, code) ? FILE_ERRORS[code as keyof typeof FILE_ERRORS] : 'importErrOther';
}

const IDENTITY_LINE = /^AGE-SECRET-KEY-1[0-9A-Z]+$/;
/** A key file holds a few lines. */
const MAX_KEY_FILE_BYTES = 1_000_000;

/**
 * Import and merge: encrypted bundles (.age, binary or armored), plain .json bundles and CSV files of a
 * known study, and receipts from the researcher. The merge report per file comes first, with every
 * record set aside and why; "Import" commits everything in one transaction and offers the receipt
 * the devices need before they may remove what arrived. The researcher's key is held in memory for
 * this screen only.
 */
export function ImportData() {
  const { app, t } = useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [identities, setIdentities] = useState<string[]>([]);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [pass, setPass] = useState('');
  const [prepared, setPrepared] = useState<PreparedImport | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<CommittedImport | null>(null);
  const [receipts, setReceipts] = useState<ReceiptOutcome[]>([]);
  const [asideVersion, setAsideVersion] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<ImportDecisions>({});

  const readKey = async (file: File | undefined) => {
    if (!file) return;
    let text: string;
    try {
      text = new TextDecoder().decode(await readPickedFile(file, MAX_KEY_FILE_BYTES));
    } catch (e) {
      setKeyError(e instanceof Error ? e.message : String(e));
      setIdentities([]);
      return;
    }
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const ids = lines.filter((l) => IDENTITY_LINE.test(l));
    if (!ids.length || ids.length !== lines.length) {
      setKeyError(t('keyFileBad', { file: file.name }));
      setIdentities([]);
    } else {
      setKeyError(null);
      setIdentities(ids);
    }
  };

  const read = async () => {
    setBusy(t('decrypting'));
    setDone(null);
    setFailed(null);
    try {
      // Files staged by an earlier reading of the same files are let go first.
      if (prepared) await app.discardImport(prepared.files);
      setPrepared(null);
      // Each file is read as a stream (a bundle with media may be larger than memory; the others are read whole).
      const list = files.map((f) => ({ name: f.name, file: f as Blob }));
      const out = await app.prepareImport(list, { identities, passphrases: pass ? [pass] : [] }, decisions);
      setPrepared(out.prepared);
      setReceipts(out.receipts);
    } catch (e) {
      // Whatever went wrong is said, never swallowed: nothing was written.
      setFailed(t('importFailed', { error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  };

  /** The same files read again with who is accepted now (nothing is opened or decrypted again). */
  const decide = async (d: ImportDecisions) => {
    if (!prepared) return;
    setDecisions(d);
    setBusy(t('decrypting'));
    try {
      setPrepared(await app.reprepareImport(prepared.files, d));
    } catch (e) {
      setFailed(t('importFailed', { error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!prepared) return;
    setBusy(t('importing'));
    setFailed(null);
    try {
      setDone(await app.commitImport(prepared));
      setPrepared(null);
      setFiles([]);
      setAsideVersion((n) => n + 1);
    } catch (e) {
      // The import is one transaction: when it fails, nothing of it was written.
      setFailed(t('commitFailed', { error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  };

  // Worth committing: something to merge, or records to keep aside (a file refused whole brings nothing).
  // Codes, passages and transcripts count too: a researcher's file may bring only those.
  const usable = (prepared?.research ?? 0) > 0 || prepared?.reports.some((r) => r.counts.new + r.counts.updated + (r.counts.merged ?? 0) + r.counts.conflict > 0 || (!isRefusedFile(r) && r.counts.rejected > 0));
  return (
    <div class="stack">
      <h1>{t('importTitle')}</h1>
      <p class="muted">{t('importHint')}</p>
      <section class="card stack">
        <label class="field">
          <span class="label">{t('importFiles')}</span>
          <input type="file" multiple accept=".age,.json,.csv,.txt" onChange={(e) => (prepared && void app.discardImport(prepared.files), setFiles([...((e.currentTarget as HTMLInputElement).files ?? [])]), setPrepared(null), setReceipts([]))} data-testid="import-files" />
        </label>
        <label class="field">
          <span class="label">{t('keyFile')}</span>
          <input type="file" accept=".txt,.key,text/plain" onChange={(e) => void readKey((e.currentTarget as HTMLInputElement).files?.[0])} data-testid="identity-file" />
          <span class="hint">{identities.length ? t('keyLoaded', { n: identities.length }) : t('keyHint')}</span>
        </label>
        {keyError && <p class="issue" role="alert">{keyError}</p>}
        <label class="field">
          <span class="label">{t('passphraseOptional')}</span>
          <input type="password" autocomplete="off" value={pass} onInput={(e) => setPass((e.currentTarget as HTMLInputElement).value)} data-testid="import-pass" />
        </label>
        <div class="row">
          <button class="btn primary" disabled={!files.length || !!busy} onClick={() => void read()} data-testid="import-read">{t('importRead')}</button>
          {busy && <span role="status" aria-live="polite" class="muted">{busy}</span>}
        </div>
      </section>
      {failed && <p class="banner warn" role="alert" data-testid="import-failed">{failed}</p>}
      {prepared && <ImportTrust key={prepared.meta.id} prepared={prepared} decisions={decisions} onDecide={(d) => void decide(d)} />}
      {prepared && (
        <section class="card stack" aria-labelledby="report-h">
          <h2 id="report-h">{t('mergeReport')}</h2>
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="report-h">
            <table class="report" data-testid="merge-report">
              <thead>
                <tr>
                  <th scope="col">{t('file')}</th>
                  <th scope="col">{t('outNew')}</th>
                  <th scope="col">{t('outIdentical')}</th>
                  <th scope="col">{t('outUpdated')}</th>
                  <th scope="col">{t('outOutdated')}</th>
                  <th scope="col">{t('outMerged')}</th>
                  <th scope="col">{t('outConflict')}</th>
                  <th scope="col">{t('outRejected')}</th>
                </tr>
              </thead>
              <tbody>
                {prepared.reports.map((r, i) => (
                  <tr key={i} data-file={r.file}>
                    <th scope="row" class="code small">{r.file}</th>
                    <td data-k="new">{r.counts.new}</td>
                    <td data-k="identical">{r.counts.identical}</td>
                    <td data-k="updated">{r.counts.updated}</td>
                    <td data-k="outdated">{r.counts.outdated}</td>
                    <td data-k="merged">{r.counts.merged ?? 0}</td>
                    <td data-k="conflict">{r.counts.conflict}</td>
                    <td data-k="rejected">
                      {r.counts.rejected}
                      {r.rejected.map((x, j) => (
                        <div key={j} class="issue small" data-testid="rejected-reason" data-code={x.code}>
                          {x.list !== undefined && <span class="code">{x.list}[{x.index}]{x.id ? ` ${shortId(x.id)}` : ''}: </span>}
                          {x.list === undefined ? (
                            // A file refused whole: why, in the app's language; the details as Dala found them.
                            <>
                              {t(fileError(x.code))}
                              {x.code === 'media' && (
                                <div lang="en" data-testid="media-refused">
                                  {x.reason}
                                </div>
                              )}
                              <details>
                                <summary>{t('details')}</summary>
                                <span lang="en">{x.reason}</span>
                              </details>
                            </>
                          ) : (
                            <span lang="en">{x.reason}</span>
                          )}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {prepared.research > 0 && <p data-testid="import-research">{t('importResearch', { n: prepared.research })}</p>}
          {prepared.setAside > 0 && <p class="banner warn" data-testid="set-aside-note">{t('setAsideBefore', { n: prepared.setAside })}</p>}
          <div class="row">
            <button class="btn primary" disabled={!usable || !!busy} onClick={() => void commit()} data-testid="import-commit">{t('importCommit')}</button>
            <button class="btn" onClick={() => (prepared && void app.discardImport(prepared.files), setPrepared(null))}>{t('cancel')}</button>
          </div>
        </section>
      )}
      {receipts.length > 0 && (
        <ul class="stack" data-testid="receipts-read">
          {receipts.map((r) => (
            <li key={r.file} class={r.ok ? 'notice' : 'banner warn'} role={r.ok ? 'status' : 'alert'}>
              {r.ok ? t('receiptRead', { by: r.by, n: r.covered }) : r.message}
            </li>
          ))}
        </ul>
      )}
      {done && (
        <div class="notice stack" role="status" data-testid="import-done">
          <p>
            {done.conflicts ? t('importedWithConflicts', { n: done.conflicts }) : t('imported')}
            {done.setAside > 0 && ` ${t('setAsideAfter', { n: done.setAside })}`}{' '}
            {done.conflicts > 0 && <a class="btn small" href={href({ name: 'conflicts' })}>{t('conflictsTitle')}</a>}
          </p>
          {done.receipt && (
            <p class="row">
              <button class="btn" onClick={() => download(receiptFileName(done.receipt!), JSON.stringify(done.receipt), 'application/json')} data-testid="download-receipt">
                {t('receiptDownload')}
              </button>
              <span class="muted small">{t('receiptHint')}</span>
            </p>
          )}
        </div>
      )}
      <SetAsideList key={asideVersion} />
      <EnrollDevice />
    </div>
  );
}
