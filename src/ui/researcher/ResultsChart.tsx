/**
 * Diverging stacked bars of the Likert items' answers, hand-written SVG. Disagreement left of the
 * centre line, agreement right, the middle point split across it (geometry: `divergingBar`). Made to
 * survive grey print: shades that differ in lightness, hatching on the disagreeing side, and the
 * percentages written on the bars. Every bar is role="img" with its counts in its aria-label; the
 * counts are also a table under each figure.
 */
import { chartDomain, divergingBar, percent, type DistributionGroup, type LikertDistribution, type Segment } from '../../app/results';
import { useApp } from '../context';

type Rgb = [number, number, number];
const NEG: [Rgb, Rgb] = [[228, 183, 166], [140, 59, 42]];
const POS: [Rgb, Rgb] = [[185, 211, 200], [47, 93, 80]];
const NEUTRAL = '#ebe8de';
/** Labels on segments narrower than this share would not fit; the aria-label and table carry them. */
const MIN_LABELLED = 0.07;

function shade(side: Segment['side'], strength: number): string {
  if (side === 'neutral') return NEUTRAL;
  const [light, dark] = side === 'negative' ? NEG : POS;
  const c = light.map((l, i) => Math.round(l + (dark[i]! - l) * strength));
  return `rgb(${c.join(',')})`;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

/** The fill of a segment; the disagreeing side is hatched (a pattern defined in the same SVG). */
function Paint({ id, side, strength }: { id: string; side: Segment['side']; strength: number }) {
  if (side !== 'negative') return null;
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
      <rect width="6" height="6" fill={shade(side, strength)} />
      <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2" stroke-opacity="0.6" />
    </pattern>
  );
}

const fillOf = (id: string, s: { side: Segment['side']; strength: number }) => (s.side === 'negative' ? `url(#${id})` : shade(s.side, s.strength));

function Bar({ d, domain, prefix }: { d: LikertDistribution; domain: { left: number; right: number }; prefix: string }) {
  const { t } = useApp();
  const bar = divergingBar(d.points.map((p) => p.count));
  const span = domain.left + domain.right;
  const x = (v: number) => `${((v + domain.left) / span) * 100}%`;
  const parts = d.points
    .filter((p) => p.count > 0)
    .map((p) => `${p.label}: ${p.count} (${percent(p.count / d.n)}%)`)
    .concat(d.nonSubstantive.filter((c) => c.count > 0).map((c) => `${c.label}: ${c.count}`))
    .join('; ');
  const aria = t('resChartAria', { item: d.label, n: d.n, parts });
  if (d.n === 0) return <p class="lik-none muted small">{t('resNoAnswers')}</p>;
  const labelledMiddle = bar.segments.some((s) => s.side === 'neutral' && s.share >= MIN_LABELLED);
  return (
    <svg class="lik-bar" role="img" aria-label={aria} width="100%" height="30">
      <defs>
        {bar.segments.map((s) => (
          <Paint key={s.index} id={`${prefix}-${s.index}`} side={s.side} strength={s.strength} />
        ))}
      </defs>
      {bar.segments.map((s) => (
        <rect key={s.index} x={x(s.start)} y="3" width={`${(s.share / span) * 100}%`} height="24" fill={fillOf(`${prefix}-${s.index}`, s)} stroke="#fff" stroke-width="1" />
      ))}
      {/* The centre line; across a labelled middle segment only above and below the bar, so the label stays legible. */}
      {labelledMiddle ? (
        <>
          <line x1={x(0)} x2={x(0)} y1="0" y2="7" stroke="#1d2421" stroke-width="2" />
          <line x1={x(0)} x2={x(0)} y1="23" y2="30" stroke="#1d2421" stroke-width="2" />
        </>
      ) : (
        <line x1={x(0)} x2={x(0)} y1="0" y2="30" stroke="#1d2421" stroke-width="2" />
      )}
      {bar.segments
        .filter((s) => s.share >= MIN_LABELLED)
        .map((s) => (
          <text
            key={s.index}
            x={x((s.start + s.end) / 2)}
            y="15"
            text-anchor="middle"
            dominant-baseline="central"
            font-size="12"
            fill={s.side !== 'neutral' && s.strength > 0.6 ? '#fff' : '#1d2421'}
            stroke={shade(s.side, s.strength)}
            stroke-width="3"
            paint-order="stroke"
          >
            {percent(s.share)}%
          </text>
        ))}
    </svg>
  );
}

function Legend({ d, prefix }: { d: LikertDistribution; prefix: string }) {
  const k = d.points.length;
  const mid = (k - 1) / 2;
  return (
    <ul class="lik-legend" aria-hidden="true">
      {d.points.map((p, i) => {
        const side: Segment['side'] = i < mid ? 'negative' : i > mid ? 'positive' : 'neutral';
        const s = { side, strength: mid === 0 ? 1 : Math.abs(i - mid) / mid };
        return (
          <li key={p.value}>
            <svg width="16" height="16" class="swatch">
              <defs>
                <Paint id={`${prefix}-k${i}`} {...s} />
              </defs>
              <rect width="16" height="16" fill={fillOf(`${prefix}-k${i}`, s)} stroke="#8b8677" />
            </svg>
            {p.value} {p.label}
          </li>
        );
      })}
    </ul>
  );
}

function CountsTable({ items }: { items: LikertDistribution[] }) {
  const { t } = useApp();
  const first = items[0]!;
  return (
    <details class="lik-counts">
      <summary>{t('resCounts')}</summary>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('resCounts')}>
        <table class="stats">
          <thead>
            <tr>
              <th scope="col">{t('resStatement')}</th>
              {first.points.map((p) => (
                <th scope="col" key={p.value}>{p.value} {p.label}</th>
              ))}
              {first.nonSubstantive.map((c) => (
                <th scope="col" key={c.code}>{c.label}</th>
              ))}
              <th scope="col">n</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.item}>
                <th scope="row" class="label-cell">{d.label}</th>
                {d.points.map((p) => (
                  <td key={p.value}>{p.count}</td>
                ))}
                {d.nonSubstantive.map((c) => (
                  <td key={c.code}>{c.count}</td>
                ))}
                <td>{d.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function LikertCharts({ groups }: { groups: DistributionGroup[] }) {
  const { t } = useApp();
  const domain = chartDomain(groups.flatMap((g) => g.items.map((d) => divergingBar(d.points.map((p) => p.count)))));
  const shown = groups.filter((g) => g.items.length > 0);
  return (
    <section class="results-block" aria-labelledby="res-charts-h">
      <h2 id="res-charts-h">{t('resCharts')}</h2>
      <p class="hint">{t('resChartsHint')}</p>
      {shown.map((g) => {
        const gp = `lik-${safe(g.name || 'rest')}`;
        return (
          <figure class="lik-figure" key={g.name || '-'} data-scale={g.name}>
            <figcaption>{g.label}</figcaption>
            <Legend d={g.items[0]!} prefix={`${gp}-legend`} />
            <ul class="lik-list">
              {g.items.map((d) => (
                <li key={d.item} class="lik-item" data-item={d.item}>
                  <span class="lik-label">
                    {d.label}
                    {d.reversed && <span class="badge">{t('resReversed')}</span>}
                  </span>
                  <span class="lik-chart">
                    <Bar d={d} domain={domain} prefix={`${gp}-${safe(d.item)}`} />
                    {d.nonSubstantive
                      .filter((c) => c.count > 0)
                      .map((c) => (
                        <span key={c.code} class="lik-ns small" data-ns={c.code}>
                          {c.label}: {c.count}
                        </span>
                      ))}
                  </span>
                </li>
              ))}
            </ul>
            <CountsTable items={g.items} />
          </figure>
        );
      })}
    </section>
  );
}
