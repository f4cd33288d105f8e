import { useEffect, useState } from 'preact/hooks';
import type { BundleResponse } from '../../core/bundle/types';
import { defaultChoice } from '../../core/merge/resolve';
import type { ConflictRecord } from '../../app/model';
import { formatDateTime } from '../components/format';
import { useApp } from '../context';

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return Array.isArray(v) ? v.join(' ') : String(v);
}

/** Responses edited on two devices at once: the answers that differ side by side; the researcher keeps one. */
export function Conflicts() {
  const { app, t, lang } = useApp();
  const [list, setList] = useState<ConflictRecord[] | null>(null);
  const reload = async () => setList(await app.listConflicts());
  useEffect(() => void reload(), []);
  if (!list) return <p aria-busy="true">…</p>;
  return (
    <div class="stack">
      <h1>{t('conflictsTitle')}</h1>
      <p class="muted">{t('conflictsHint')}</p>
      {list.length === 0 && <p class="notice" data-testid="no-conflicts">{t('noConflicts')}</p>}
      {list.map((c) => (
        <ConflictCard key={c.id} conflict={c} lang={lang} onResolved={() => void reload()} />
      ))}
    </div>
  );
}

function ConflictCard(p: { conflict: ConflictRecord; lang: string; onResolved(): void }) {
  const { app, t } = useApp();
  const revs = p.conflict.revisions;
  const def = defaultChoice(revs);
  const [pick, setPick] = useState(revs.indexOf(def));
  const items = [...new Set(revs.flatMap((r) => Object.keys(r.answers)))].filter((item) => new Set(revs.map((r) => JSON.stringify(r.answers[item]?.value ?? null))).size > 1);
  const keep = async () => {
    await app.resolveConflict(p.conflict, { revision: revs[pick] as BundleResponse });
    p.onResolved();
  };
  return (
    <section class="card stack" data-testid="conflict" data-id={p.conflict.id}>
      <h2>
        <span class="code">{revs[0]!.respondentCode}</span> · {p.conflict.studyId}
      </h2>
      <div class="table-scroll">
        <table class="report">
          <thead>
            <tr>
              <th scope="col">{t('item')}</th>
              {revs.map((r, i) => (
                <th scope="col" key={i}>
                  <label class="choice">
                    <input type="radio" name={`pick-${p.conflict.id}`} checked={pick === i} onChange={() => setPick(i)} data-testid={`pick-${i}`} />
                    <span>
                      {t('revisionFrom', { device: r.revision.device.slice(0, 8) })}
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
              <tr key={item}>
                <th scope="row" class="code">{item}</th>
                {revs.map((r, i) => (
                  <td key={i}>{show(r.answers[item]?.value)}</td>
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
