import { useEffect, useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import type { ExportRecord, SessionRecord, StudyRecord } from '../../app/model';
import { download } from '../../app/crypto-client';
import { useApp } from '../context';
import { href } from '../route';
import { formatDateTime } from '../components/format';
import { CsvExport } from './CsvExport';
import { Recipients } from './Recipients';
import { ReferralWavesSummary } from './ReferralWavesSummary';

/**
 * A study's data on this device: export it encrypted (all, or what changed since the last export), the
 * export history, CSV for R/SPSS/Excel, and removing sessions the researcher's receipt says arrived,
 * only with a confirmation. An export alone never makes a session removable.
 */
export function StudyData(p: { studyId: string; studyVersion: string }) {
  const { app, t, lang } = useApp();
  const [study, setStudy] = useState<StudyRecord | null | undefined>(undefined);
  const [exports, setExports] = useState<ExportRecord[]>([]);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [mode, setMode] = useState<'recipients' | 'passphrase'>('recipients');
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [armored, setArmored] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [deletable, setDeletable] = useState<SessionRecord[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [hasExamples, setHasExamples] = useState(false);
  const [includeExamples, setIncludeExamples] = useState(false);
  const [recordings, setRecordings] = useState<{ count: number; bytes: number }>({ count: 0, bytes: 0 });
  const [includeRecordings, setIncludeRecordings] = useState(false);

  const reload = async () => {
    const s = await app.getStudy(p.studyId, p.studyVersion);
    setStudy(s ?? null);
    setExports((await app.exportsOf(p.studyId)).filter((e) => e.studyVersion === p.studyVersion));
    if (s) setDeletable(await app.receivedSessions(s));
    if (s) setRecordings(await app.recordingsToExport(s, { includeExamples }));
    setHasExamples((await app.listSessions()).some((x) => x.studyId === p.studyId && x.studyVersion === p.studyVersion && x.example));
  };
  useEffect(() => void reload(), [p.studyId, p.studyVersion, includeExamples]);
  if (study === undefined) return <p aria-busy="true">…</p>;
  if (study === null) return <p role="alert">{t('unknownSession')}</p>;
  const recipients = app.recipientsOf(study);
  const useRecipients = mode === 'recipients' && recipients.length > 0;

  const doExport = async () => {
    setMessage(null);
    if (!useRecipients) {
      if (pass.length < 8) return setMessage({ kind: 'error', text: t('passTooShort') });
      if (pass !== pass2) return setMessage({ kind: 'error', text: t('passMismatch') });
    }
    setBusy(true);
    try {
      const out = await app.exportStudy(study, { onlyChanged, armored, includeExamples, recordings: includeRecordings && recordings.count > 0, to: useRecipients ? { recipients } : { passphrase: pass } });
      if (!out) return setMessage({ kind: 'ok', text: t('nothingChanged') });
      download(out.fileName, out.data, armored ? 'text/plain' : 'application/octet-stream');
      setMessage({ kind: 'ok', text: out.mediaFiles > 0 ? t('exportedWithMedia', { n: out.responses, m: out.mediaFiles, file: out.fileName }) : t('exported', { n: out.responses, file: out.fileName }) });
      setPass('');
      setPass2('');
      await reload();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const doDelete = async () => {
    if (!deletable?.length) return;
    await app.deleteSessions(deletable.map((s) => s.id));
    setConfirming(false);
    setMessage({ kind: 'ok', text: t('deleted', { n: deletable.length }) });
    await reload();
  };

  return (
    <div class="stack">
      <h1>{t('studyData')}</h1>
      <p class="muted">{localize(study.instrument.title, lang)} · {t('studyVersion')} {study.studyVersion}</p>

      <section class="card stack" aria-labelledby="export-h">
        <h2 id="export-h">{t('exportTitle')}</h2>
        <p class="muted small">{t('exportHint')}</p>
        <Recipients study={study} onChange={setStudy} />
        <fieldset class="stack">
          <legend class="label">{t('encryptTo')}</legend>
          <label class="choice">
            <input type="radio" name="enc" checked={mode === 'recipients'} disabled={!recipients.length} onChange={() => setMode('recipients')} data-testid="enc-recipients" />
            <span>{recipients.length ? t('encRecipients', { n: recipients.length }) : t('encNoRecipients')}</span>
          </label>
          <label class="choice">
            <input type="radio" name="enc" checked={mode === 'passphrase' || !recipients.length} onChange={() => setMode('passphrase')} data-testid="enc-passphrase" />
            <span>{t('encPassphrase')}</span>
          </label>
          {!useRecipients && (
            <div class="row">
              <label class="field">
                <span class="label small">{t('passphrase')}</span>
                <input type="password" autocomplete="new-password" value={pass} onInput={(e) => setPass((e.currentTarget as HTMLInputElement).value)} data-testid="export-pass" />
              </label>
              <label class="field">
                <span class="label small">{t('passphraseAgain')}</span>
                <input type="password" autocomplete="new-password" value={pass2} onInput={(e) => setPass2((e.currentTarget as HTMLInputElement).value)} data-testid="export-pass2" />
              </label>
            </div>
          )}
        </fieldset>
        <label class="choice">
          <input type="checkbox" checked={onlyChanged} disabled={!exports.length} onChange={(e) => setOnlyChanged((e.currentTarget as HTMLInputElement).checked)} data-testid="only-changed" />
          <span>{t('onlyChanged')}</span>
        </label>
        {hasExamples && (
          <label class="choice">
            <input type="checkbox" checked={includeExamples} onChange={(e) => setIncludeExamples((e.currentTarget as HTMLInputElement).checked)} data-testid="export-examples" />
            <span>{t('includeExamples')}</span>
          </label>
        )}
        {recordings.count > 0 && (
          <div class="stack">
            <label class="choice">
              <input type="checkbox" checked={includeRecordings} onChange={(e) => setIncludeRecordings((e.currentTarget as HTMLInputElement).checked)} data-testid="export-recordings" />
              <span>{t('exportRecordings', { n: recordings.count, size: megabytes(recordings.bytes, lang) })}</span>
            </label>
            {!includeRecordings && <p class="muted small" data-testid="export-recordings-off">{t('exportRecordingsOff')}</p>}
          </div>
        )}
        <label class="choice">
          <input type="checkbox" checked={armored} onChange={(e) => setArmored((e.currentTarget as HTMLInputElement).checked)} />
          <span>{t('armored')}</span>
        </label>
        <div class="row">
          <button class="btn primary" disabled={busy} onClick={() => void doExport()} data-testid="export">{busy ? t('working') : t('exportButton')}</button>
        </div>
        {message && <p class={message.kind === 'ok' ? 'notice' : 'banner warn'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="export-message">{message.text}</p>}
        {exports.length > 0 && (
          <details>
            <summary>{t('exportHistory', { n: exports.length })}</summary>
            <ul data-testid="export-history">
              {exports.map((e) => (
                <li key={e.bundleId}>
                  {formatDateTime(e.at, lang)} · {t('responsesN', { n: e.responses })} · {e.encryption === 'recipients' ? t('encRecipientsShort') : t('encPassphraseShort')}
                  {e.since ? ` · ${t('sinceShort')}` : ''} · <span class="code small">{e.fileName}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <CsvExport study={study} />

      <ReferralWavesSummary study={study} />

      <section class="card stack" aria-labelledby="delete-h">
        <h2 id="delete-h">{t('deleteTitle')}</h2>
        <p class="muted small">{t('deleteHint')}</p>
        {!deletable?.length && <p class="muted small" data-testid="delete-none">{t('deleteNone')}</p>}
        {!confirming ? (
          <button class="btn" disabled={!deletable?.length} onClick={() => setConfirming(true)} data-testid="delete-exported">
            {t('deleteButton', { n: deletable?.length ?? 0 })}
          </button>
        ) : (
          <div class="banner warn" role="alertdialog" aria-labelledby="delete-q">
            <p id="delete-q">{t('deleteConfirm', { n: deletable?.length ?? 0 })}</p>
            <div class="row">
              <button class="btn primary" onClick={() => void doDelete()} data-testid="delete-confirm">{t('deleteYes')}</button>
              <button class="btn" onClick={() => setConfirming(false)}>{t('cancel')}</button>
            </div>
          </div>
        )}
      </section>
      <p>
        <a class="btn" href={href({ name: 'import' })}>{t('importTitle')}</a>
      </p>
    </div>
  );
}

/** A size in megabytes as the person writes numbers (one decimal; a recording under 0.1 MB shows as 0.1). */
function megabytes(bytes: number, lang: string): string {
  const mb = bytes / 1024 ** 2;
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes > 0 ? Math.max(0.1, mb) : 0);
}
