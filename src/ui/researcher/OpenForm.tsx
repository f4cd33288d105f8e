import { useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import { MAX_FORM_BYTES, openFormFiles, type OpenedForm } from '../../app/studies';
import { readPickedFile } from '../../app/picked-file';
import { useApp } from '../context';
import { go } from '../route';
import { InstrumentPreview } from '../components/InstrumentPreview';
import { ProblemList } from '../components/ProblemList';
import { STUDY_REFUSED } from '../components/study-refusal';

/** "Open an XLSForm": pick or drop a file, see its problems and a live preview, save it as a study. */
export function OpenForm() {
  const { app, t, lang } = useApp();
  const [opened, setOpened] = useState<OpenedForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  /** One form: a workbook or a .json, or a workbook with the .csv/.xml files it reads, or a .zip of them. */
  const open = async (list: FileList | null | undefined) => {
    const files = [...(list ?? [])];
    if (!files.length) return;
    setBusy(true);
    setSaveError(null);
    try {
      const read: { name: string; bytes: Uint8Array }[] = [];
      for (const file of files) {
        try {
          read.push({ name: file.name, bytes: await readPickedFile(file, MAX_FORM_BYTES) });
        } catch (e) {
          // Too large, or cut short or moved since it was chosen: said, naming the file.
          setOpened({ ok: false, fileName: file.name, problems: [{ severity: 'error', message: e instanceof Error ? e.message : String(e) }] });
          return;
        }
      }
      setOpened(await openFormFiles(read));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!opened?.ok) return;
    // A study file signed by a researcher is judged by its signature; an unsigned one is a form the
    // researcher opens on their own device (an XLSForm, their own JSON).
    const accepted = await app.acceptStudy(opened.instrument, opened.fileName.endsWith('.json') ? 'json' : 'xlsform', { unsignedIsLocal: true });
    if (!accepted.ok) {
      setSaveError(`${t(STUDY_REFUSED[accepted.reason])} (${accepted.message})`);
      return;
    }
    if (!accepted.added) {
      setSaveError(t('studyExists', { id: opened.instrument.id, version: opened.instrument.studyVersion }));
      return;
    }
    go({ name: 'sessions' });
  };

  return (
    <div class="stack">
      <h1>{t('openForm')}</h1>
      <p class="muted">{t('openFormHint')}</p>
      <label
        class={`dropzone ${dragging ? 'over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void open(e.dataTransfer?.files);
        }}
      >
        <span>{t('chooseOrDrop')}</span>
        <input
          type="file"
          multiple
          accept=".xlsx,.xls,.json,.csv,.xml,.zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/json,text/csv,application/xml,application/zip"
          onChange={(e) => void open((e.currentTarget as HTMLInputElement).files)}
          data-testid="form-file"
        />
      </label>
      {busy && <p aria-busy="true">…</p>}
      {opened && !opened.ok && <ProblemList problems={opened.problems} kind="error" title={t('formErrors', { file: opened.fileName })} testid="form-errors" />}
      {opened?.ok && (
        <>
          <div class="card">
            <p>
              <b>{localize(opened.instrument.title, lang)}</b> · {opened.instrument.id} · {t('studyVersion')} {opened.instrument.studyVersion} ·{' '}
              {t('itemsCount', { n: opened.instrument.sections.reduce((n, s) => n + s.items.length, 0) })} · {t('scalesCount', { n: opened.instrument.scales.length })}
            </p>
            {opened.instrument.attachments?.length ? (
              <p data-testid="form-attachments">
                {t('formAttachments')}{' '}
                {opened.instrument.attachments.map((a, i) => (
                  <span key={a.name}>
                    {i > 0 && ', '}
                    <code title={`SHA-256 ${a.sha256}`}>{a.name}</code>
                  </span>
                ))}
              </p>
            ) : null}
            <div class="row">
              <button class="btn primary" onClick={() => void save()} data-testid="save-study">{t('saveStudy')}</button>
            </div>
            {saveError && <p class="banner warn" role="alert">{saveError}</p>}
          </div>
          <div class="split">
            <InstrumentPreview instrument={opened.instrument} />
            <ProblemList problems={opened.warnings} kind="warning" title={t('formWarnings')} testid="form-warnings" />
          </div>
        </>
      )}
    </div>
  );
}
