/**
 * The code view (docs/coding.md): one code's passages side by side by group (public against
 * private), the code-by-group count table, and the co-occurrence of codes.
 */
import { useState } from 'preact/hooks';
import { allItems, localize, type Instrument } from '../../core/instrument/types';
import { passagesByGroup } from '../../core/coding/views';
import type { CodingView } from '../../app/coding';
import { download } from '../../app/crypto-client';
import { useApp } from '../context';

export function CodeView(p: { view: CodingView; ins: Instrument; groupBy: string; onGroupBy: (item: string) => void; csv: () => string }) {
  const { t } = useApp();
  const { view, ins } = p;
  const lang = ins.languages[0] ?? 'en';
  const [codeId, setCodeId] = useState('');
  const code = view.codebook.codes.find((c) => c.id === codeId) ?? view.codebook.codes[0];
  const groupItems = allItems(ins).filter(({ item }) => item.type === 'select_one').map(({ item }) => item);
  const groupItem = groupItems.find((i) => i.name === p.groupBy);
  const groupLabel = (g: string) => {
    if (!g) return t('codingNoGroup');
    const choice = groupItem?.choices ? ins.choiceLists[groupItem.choices]?.find((c) => c.name === g) : undefined;
    return choice ? localize(choice.label, lang) : g;
  };
  const groups = code ? passagesByGroup(view.passages, code.id) : new Map();
  return (
    <section class="code-view" aria-labelledby="code-view-h">
      <h2 id="code-view-h">{t('codeView')}</h2>
      <div class="row">
        <label class="field">
          <span class="label">{t('codeName')}</span>
          <select value={code?.id ?? ''} onChange={(e) => setCodeId((e.currentTarget as HTMLSelectElement).value)} data-testid="code-view-code">
            {view.codebook.codes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="label">{t('codeViewGroup')}</span>
          <select value={p.groupBy} onChange={(e) => p.onGroupBy((e.currentTarget as HTMLSelectElement).value)} data-testid="code-view-group">
            <option value="">—</option>
            {groupItems.map((i) => (
              <option key={i.name} value={i.name}>
                {localize(i.label, lang)}
              </option>
            ))}
          </select>
        </label>
        <button class="btn small" type="button" onClick={() => download(`${ins.id}-coded-passages.csv`, p.csv(), 'text/csv;charset=utf-8')} data-testid="coding-csv">
          {t('codingCsv')}
        </button>
      </div>
      <div class="code-columns" data-testid="code-view">
        {[...groups.entries()].map(([g, list]) => (
          <div key={g} class="code-column" data-group={g}>
            <h3>{groupLabel(g)}</h3>
            {list.map((x: (typeof view.passages)[number]) => (
              <blockquote key={x.passage.id} data-testid="code-view-passage">
                <b>{x.response.respondentCode}</b>: {x.text}
              </blockquote>
            ))}
          </div>
        ))}
      </div>
      <h2>{t('codeCounts')}</h2>
      <div class="table-scroll">
        <table class="stats" data-testid="code-counts">
          <thead>
            <tr>
              <th scope="col">{t('codeName')}</th>
              {view.counts.groups.map((g) => (
                <th scope="col" key={g} data-group={g}>
                  {groupLabel(g)}
                </th>
              ))}
              <th scope="col">{t('codeTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {view.counts.rows.map((r) => (
              <tr key={r.code.id} data-code={r.code.name}>
                <th scope="row">{r.code.name}</th>
                {r.counts.map((n, i) => (
                  <td key={i}>{n}</td>
                ))}
                <td>{r.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('codeCooccurrence')}</h2>
      <div class="table-scroll">
        <table class="stats" data-testid="code-cooccurrence">
          <thead>
            <tr>
              <th />
              {view.cooccurrence.codes.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.cooccurrence.codes.map((c, i) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                {view.cooccurrence.counts[i]!.map((n, j) => (
                  <td key={j}>{i === j ? '' : n || ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
