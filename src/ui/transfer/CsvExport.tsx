import { useState } from 'preact/hooks';
import type { StudyRecord } from '../../app/model';
import type { CsvChoice, CsvFiles } from '../../app/csv-export';
import { download } from '../../app/crypto-client';
import { useApp } from '../context';

/** CSV for R, SPSS or Excel: layout, codes or labels, separator; then the files to download. */
export function CsvExport(p: { study: StudyRecord }) {
  const { app, t, lang } = useApp();
  const ins = p.study.instrument;
  // The scripts' labels are in the app's language when the study has it, else in the study's first.
  const scriptLang = ins.languages.includes(lang) ? lang : (ins.languages[0] ?? 'en');
  const [choice, setChoice] = useState<CsvChoice>({ layout: 'wide', labels: null, separator: ',', includePersonal: false, includeNotes: false, includeExamples: false, scriptLang });
  const languageName = (l: string) => ins.languageNames?.[l] ?? l;
  const [files, setFiles] = useState<CsvFiles | null>(null);
  const set = (patch: Partial<CsvChoice>) => {
    setChoice({ ...choice, ...patch });
    setFiles(null);
  };
  const make = async () => {
    const { studyCsv } = await import('../../app/csv-export');
    setFiles(await studyCsv(app.store, p.study, choice));
  };
  const csv = 'text/csv;charset=utf-8';
  return (
    <section class="card stack" aria-labelledby="csv-h">
      <h2 id="csv-h">{t('csvTitle')}</h2>
      <p class="muted small">{t('csvHint')}</p>
      <div class="row">
        <label class="field">
          <span class="label small">{t('csvLayout')}</span>
          <select value={choice.layout} onChange={(e) => set({ layout: (e.currentTarget as HTMLSelectElement).value as CsvChoice['layout'] })} data-testid="csv-layout">
            <option value="wide">{t('csvWide')}</option>
            <option value="long">{t('csvLong')}</option>
          </select>
        </label>
        <label class="field">
          <span class="label small">{t('csvCells')}</span>
          <select value={choice.labels ?? ''} onChange={(e) => set({ labels: (e.currentTarget as HTMLSelectElement).value || null })} data-testid="csv-labels">
            <option value="">{t('csvCodes')}</option>
            {ins.languages.map((l) => (
              <option key={l} value={l}>{t('csvLabelsIn', { lang: languageName(l) })}</option>
            ))}
          </select>
        </label>
        {(choice.layout === 'wide' || (ins.repeats?.length ?? 0) > 0) && !choice.labels && ins.languages.length > 1 && (
          <label class="field">
            <span class="label small">{t('csvScriptLang')}</span>
            <select value={choice.scriptLang} onChange={(e) => set({ scriptLang: (e.currentTarget as HTMLSelectElement).value })} data-testid="csv-script-lang">
              {ins.languages.map((l) => (
                <option key={l} value={l}>{languageName(l)}</option>
              ))}
            </select>
          </label>
        )}
        <label class="field">
          <span class="label small">{t('csvSeparator')}</span>
          <select value={choice.separator} onChange={(e) => set({ separator: (e.currentTarget as HTMLSelectElement).value as CsvChoice['separator'] })} data-testid="csv-sep">
            <option value=",">{t('csvComma')}</option>
            <option value=";">{t('csvSemicolon')}</option>
          </select>
        </label>
      </div>
      <label class="choice">
        <input type="checkbox" checked={choice.includeNotes} onChange={(e) => set({ includeNotes: (e.currentTarget as HTMLInputElement).checked })} />
        <span>{t('csvNotes')}</span>
      </label>
      <label class="choice">
        <input type="checkbox" checked={choice.includePersonal} onChange={(e) => set({ includePersonal: (e.currentTarget as HTMLInputElement).checked })} />
        <span>{t('csvPersonal')}</span>
      </label>
      <label class="choice">
        <input type="checkbox" checked={choice.includeExamples} onChange={(e) => set({ includeExamples: (e.currentTarget as HTMLInputElement).checked })} data-testid="csv-examples" />
        <span>{t('includeExamples')}</span>
      </label>
      <div class="row">
        <button class="btn primary" onClick={() => void make()} data-testid="csv-make">{t('csvMake')}</button>
      </div>
      {files && (
        <div class="row" data-testid="csv-files">
          <span class="muted small">{t('responsesN', { n: files.rows })}</span>
          <button class="btn small" onClick={() => download(files.data.name, files.data.text, csv)} data-testid="csv-download">{files.data.name}</button>
          {files.tables?.map((f) => (
            <button key={f.name} class="btn small" onClick={() => download(f.name, f.text, csv)} data-testid="csv-table">{f.name}</button>
          ))}
          <button class="btn small" onClick={() => download(files.codebook.name, files.codebook.text, csv)}>{files.codebook.name}</button>
          {files.r && <button class="btn small" onClick={() => download(files.r!.name, files.r!.text, 'text/plain;charset=utf-8')} data-testid="csv-r">{files.r.name}</button>}
          {files.spss && <button class="btn small" onClick={() => download(files.spss!.name, files.spss!.text, 'text/plain;charset=utf-8')} data-testid="csv-spss">{files.spss.name}</button>}
          {files.spssData && <button class="btn small" onClick={() => download(files.spssData!.name, files.spssData!.text, csv)} data-testid="csv-spss-data">{files.spssData.name}</button>}
        </div>
      )}
    </section>
  );
}
