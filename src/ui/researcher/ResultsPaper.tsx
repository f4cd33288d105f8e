/**
 * The paper's own layouts: questions as rows, respondents side by side as columns.
 * Table 3: the Likert statements by scale, each cell a rating. Table 2: the choice questions by
 * section, each cell the chosen codes (labels in the tooltip, and listed under the question).
 */
import type { RespondentMatrix } from '../../app/results';
import { useApp } from '../context';

interface Props {
  matrix: RespondentMatrix;
  kind: 'ratings' | 'choices';
}

export function RespondentTable({ matrix, kind }: Props) {
  const { t } = useApp();
  const ratings = kind === 'ratings';
  const { columns } = matrix;
  const id = ratings ? 'res-table3-h' : 'res-table2-h';
  return (
    <section class="results-block" aria-labelledby={id}>
      <h2 id={id}>{ratings ? t('resTable3') : t('resTable2')}</h2>
      {!ratings && <p class="hint">{t('resTable2Hint')}</p>}
      {matrix.total > columns.length && <p class="hint">{t('resFirstColumns', { shown: columns.length, total: matrix.total })}</p>}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
        <table class={`stats paper long ${ratings ? 'ratings' : 'choices'}`} data-testid={ratings ? 'table3' : 'table2'}>
          <thead>
            <tr>
              <th scope="col">{ratings ? t('resStatement') : t('resQuestion')}</th>
              {columns.map((c) => (
                <th scope="col" key={c.id} data-respondent={c.code} class="resp">
                  <span class="code">{c.code}</span>
                  {c.detail && <span class="detail">{c.detail}</span>}
                </th>
              ))}
            </tr>
          </thead>
          {matrix.groups.map((g) => (
            <tbody key={g.name || '-'} data-group={g.name}>
              <tr class="group">
                <th scope="colgroup" colSpan={columns.length + 1}>
                  <span>{g.label}</span>
                </th>
              </tr>
              {g.rows.map((r) => (
                <tr key={r.item} data-item={r.item}>
                  <th scope="row" class="label-cell">
                    {r.label}
                    {r.reversed && <span class="badge">{t('resReversed')}</span>}
                    {r.options.length > 0 && (
                      <span class="options">
                        {r.options.map((o) => (
                          <span key={o.code}>
                            <b>{o.code}</b> {o.label}
                          </span>
                        ))}
                      </span>
                    )}
                  </th>
                  {r.cells.map((c, i) => (
                    <td key={columns[i]!.id} data-respondent={columns[i]!.code} title={c.title || t('resNoAnswer')} class={c.text ? undefined : 'blank'}>
                      {c.text}
                      {!c.text && <span class="sr-only">{t('resNoAnswer')}</span>}
                      {c.note && (
                        <span class="cell-note" data-testid="cell-note">
                          {t('note')}: {c.note}
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
