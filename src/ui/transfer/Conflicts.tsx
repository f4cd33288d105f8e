import { useEffect, useState } from 'preact/hooks';
import type { BundleResponse } from '../../core/bundle/types';
import { defaultChoice } from '../../core/merge/resolve';
import { joinRevisions } from '../../core/merge/join';
import { parseAnswerKey } from '../../core/responses/answer-key';
import { allItems, localize, type Instrument } from '../../core/instrument/types';
import { answerText } from '../../core/responses/answer-text';
import type { ConflictRecord, StudyRecord } from '../../app/model';
import { deviceName } from '../../app/sessions-view';
import { formatDateTime } from '../components/format';
import { useApp } from '../context';

/**
 * Responses edited on two devices at once: the answers that differ side by side, by their questions'
 * labels, each version named by the device that made it; the researcher keeps one.
 */
export function Conflicts() {
  const { app, t, lang } = useApp();
  const [list, setList] = useState<ConflictRecord[] | null>(null);
  const [studies, setStudies] = useState<StudyRecord[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const reload = async () => {
    const [c, s, n] = await Promise.all([app.listConflicts(), app.listStudies(), app.deviceNames()]);
    setStudies(s);
    setNames(n);
    setList(c);
  };
  useEffect(() => void reload(), []);
  if (!list) return <p aria-busy="true">…</p>;
  return (
    <div class="stack">
      <h1>{t('conflictsTitle')}</h1>
      <p class="muted">{t('conflictsHint')}</p>
      {list.length === 0 && <p class="notice" data-testid="no-conflicts">{t('noConflicts')}</p>}
      {list.map((c) => (
        <ConflictCard
          key={c.id}
          conflict={c}
          lang={lang}
          names={names}
          instrument={studies.find((s) => s.id === c.studyId && s.studyVersion === c.studyVersion)?.instrument}
          onResolved={() => void reload()}
        />
      ))}
    </div>
  );
}

function ConflictCard(p: { conflict: ConflictRecord; lang: string; names: ReadonlyMap<string, string>; instrument: Instrument | undefined; onResolved(): void }) {
  const { app, t } = useApp();
  const revs = p.conflict.revisions;
  const def = defaultChoice(revs);
  const [pick, setPick] = useState(revs.indexOf(def));
  const items = [...new Set(revs.flatMap((r) => Object.keys(r.answers)))].filter((item) => new Set(revs.map((r) => JSON.stringify(r.answers[item]?.value ?? null))).size > 1);
  const ins = p.instrument;
  const byName = new Map(ins ? allItems(ins).map(({ item }) => [item.name, item]) : []);
  const studyLang = revs[0]!.lang;
  const cell = (r: BundleResponse, name: string): string => {
    const a = r.answers[name];
    const item = byName.get(name);
    if (ins && item) return answerText(ins, item, a, studyLang, t('otherSpecify')) || '—';
    const v = a?.value ?? null;
    return v === null ? '—' : Array.isArray(v) ? v.join(' ') : String(v);
  };
  // An answer in a repeat is named by its question and its instance (`member[k3]/age`: "Age (member k3)").
  const label = (key: string): string => {
    const parsed = parseAnswerKey(key);
    const item = parsed && parsed.item !== '' ? byName.get(parsed.item) : byName.get(key);
    const where = parsed?.path.map((s) => `${s.repeat} ${s.id}`).join(', ') ?? '';
    const name = item ? localize(item.label, studyLang) : parsed && parsed.item === '' && where ? '' : key;
    return where ? (name ? `${name} (${where})` : where) : name;
  };
  const why = joinRevisions(revs).conflicts.map((c) =>
    c.kind === 'answer'
      ? t('conflictBothChanged', { item: label(c.key) })
      : c.kind === 'field'
        ? t('conflictFieldDiffers', { field: c.field })
        : t('conflictRemovedEdited', { item: label(c.key), changed: c.changed.map(label).join(', ') }),
  );
  const keep = async () => {
    await app.resolveConflict(p.conflict, { revision: revs[pick] as BundleResponse });
    p.onResolved();
  };
  return (
    <section class="card stack" data-testid="conflict" data-id={p.conflict.id}>
      <h2>
        <span class="code">{revs[0]!.respondentCode}</span> · {ins ? localize(ins.title, p.lang) : p.conflict.studyId}
      </h2>
      {why.length > 0 && (
        <div class="stack" data-testid="conflict-why">
          <h3 class="small">{t('conflictWhy')}</h3>
          <ul>
            {why.map((line, i) => (
              <li key={i} data-testid="conflict-reason">{line}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('conflictsTitle')}>
        <table class="report">
          <thead>
            <tr>
              <th scope="col">{t('item')}</th>
              {revs.map((r, i) => (
                <th scope="col" key={i}>
                  <label class="choice">
                    <input type="radio" name={`pick-${p.conflict.id}`} checked={pick === i} onChange={() => setPick(i)} data-testid={`pick-${i}`} />
                    <span>
                      {t('revisionFrom', { device: deviceName(p.names, r.revision.device) })}
                      <br />
                      <span class="muted small">{formatDateTime(r.revision.at, p.lang)}</span>
                      {r === def && <span class="badge">{t('suggested')}</span>}
                    </span>
                  </label>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item} data-item={item}>
                <th scope="row">{byName.get(item) || parseAnswerKey(item)?.path.length ? label(item) : <span class="code">{item}</span>}</th>
                {revs.map((r, i) => (
                  <td key={i} data-value={JSON.stringify(r.answers[item]?.value ?? null)} lang={studyLang}>{cell(r, item)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="row">
        <button class="btn primary" onClick={() => void keep()} data-testid="resolve">{t('keepChosen')}</button>
      </div>
    </section>
  );
}
