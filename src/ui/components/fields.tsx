/**
 * The question widgets few forms need, kept out of the first page's JavaScript (ItemField loads this
 * module when such a question is first drawn): XLSForm's range (a slider, a picker or a rating) and
 * rank (the choices put in order, by dragging or with buttons). Both work with a keyboard, a mouse
 * and a finger, and every control is at least 44 px tall.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import { OTHER } from '../../core/responses/validate-value';
import { appearanceOf, type ItemFieldProps } from './ItemField';

export type RangeInputProps = ItemFieldProps & { id: string; describedBy?: string; invalid: boolean };
export type RankInputProps = ItemFieldProps & { id: string };

/** Decimals of a step ("0.25" -> 2), so points are exact: 0.1 + 0.2 is shown as 0.3. */
const decimalsOf = (n: number) => (String(n).split('.')[1] ?? '').length;

export function RangeInput(p: RangeInputProps) {
  const { item, instrument, lang, t } = p;
  const { start, end, step } = item.range ?? { start: 1, end: 10, step: 1 };
  const lo = Math.min(start, end);
  const hi = Math.max(start, end);
  const digits = Math.max(decimalsOf(step), decimalsOf(lo));
  const snap = (n: number) => Number((lo + Math.round((n - lo) / step) * step).toFixed(digits));
  const count = Math.round((hi - lo) / step) + 1;
  const points = count <= 1001 ? Array.from({ length: count }, (_, i) => snap(lo + i * step)) : [];
  const words = appearanceOf(item);
  const stored = p.answer?.value ?? p.state?.computed ?? null;
  const value = typeof stored === 'number' ? stored : null;
  // Tick labels (XLSForm's tick_labelset): choices named by the points they label.
  const labels = new Map((item.choices ? instrument.choiceLists[item.choices] ?? [] : []).map((c) => [Number(c.name), localize(c.label, lang)]));
  const labelOf = (n: number) => labels.get(n) ?? String(n);
  const disabled = p.disabled || item.readOnly;
  const set = (n: number) => p.onChange({ value: snap(n) }, false);
  const common = {
    id: p.id,
    disabled,
    'aria-describedby': p.describedBy,
    'aria-invalid': p.invalid ? true : undefined,
    'aria-required': item.required || p.state?.required ? true : undefined,
    autocomplete: 'off', // kept by no browser file (see ItemField)
    'data-testid': `input-${item.name}`,
  };

  if (words.includes('picker') && points.length) {
    return (
      <select {...common} value={value === null ? '' : String(value)} onChange={(e) => set(Number((e.currentTarget as HTMLSelectElement).value))}>
        <option value="" disabled>{t('rangeNotSet')}</option>
        {(start > end ? [...points].reverse() : points).map((n) => (
          <option key={n} value={String(n)}>{labelOf(n)}</option>
        ))}
      </select>
    );
  }
  if (words.includes('rating') && points.length && points.length <= 20) {
    return (
      <div class="rating" role="radiogroup" aria-describedby={p.describedBy} data-testid={`input-${item.name}`}>
        {points.map((n) => (
          <label class={`choice ${value !== null && n <= value ? 'on' : ''}`} key={n}>
            <input type="radio" autocomplete="off" name={p.id} value={String(n)} checked={value === n} disabled={disabled} onChange={() => set(n)} data-testid={`opt-${item.name}-${n}`} />
            <span>{labels.get(n) ?? `★ ${n}`}</span>
          </label>
        ))}
      </div>
    );
  }
  // The slider. Unanswered, it waits at the start and says so; the first touch, click or key sets it.
  const ticks = !words.includes('no-ticks') && points.length > 0 && points.length <= 101;
  const at = (n: number) => `${((n - lo) / (hi - lo || 1)) * 100}%`;
  return (
    <div class={`range ${words.includes('vertical') ? 'vertical' : ''} ${value === null ? 'unset' : ''}`}>
      <output for={p.id} class="range-value" aria-live="polite" data-testid={`value-${item.name}`}>
        {value === null ? t('rangeNotSet') : labelOf(value)}
      </output>
      <input
        {...common}
        type="range"
        min={lo}
        max={hi}
        step={step}
        dir={start > end ? 'rtl' : undefined}
        value={value ?? start}
        list={ticks ? `${p.id}-ticks` : undefined}
        aria-valuetext={value === null ? t('rangeNotSet') : labelOf(value)}
        onInput={(e) => set(Number((e.currentTarget as HTMLInputElement).value))}
        onPointerUp={(e) => value === null && set(Number((e.currentTarget as HTMLInputElement).value))}
        onKeyDown={(e) => {
          if (value === null && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            set(start);
          }
        }}
      />
      {ticks && (
        <datalist id={`${p.id}-ticks`}>
          {points.map((n) => (
            <option key={n} value={String(n)} />
          ))}
        </datalist>
      )}
      <div class="range-scale" aria-hidden="true">
        {labels.size > 0
          ? [...labels.keys()].filter((n) => n >= lo && n <= hi).map((n) => (
              <span key={n} style={{ [start > end ? 'right' : 'left']: at(n) }}>{labelOf(n)}</span>
            ))
          : [start, end].map((n) => (
              <span key={n} style={{ [start > end ? 'right' : 'left']: at(n) }}>{n}</span>
            ))}
      </div>
      {value !== null && !disabled && (
        <button type="button" class="link small" onClick={() => p.onChange({ value: null }, false)}>
          {t('clear')}
        </button>
      )}
    </div>
  );
}

/**
 * XLSForm's rank: the choices in order, first = most important. Moved with the Up and Down buttons
 * (keyboard and screen reader), or dragged by their handle (mouse and finger). Until the first move
 * (or "Keep this order") the question is unanswered.
 */
export function RankInput(p: RankInputProps) {
  const { item, instrument, lang, t } = p;
  const list = (item.choices ? instrument.choiceLists[item.choices] ?? [] : []).filter((c) => c.name !== OTHER);
  const offered = p.state?.choices;
  const codes = list.map((c) => c.name).filter((c) => !offered || offered.includes(c));
  const labelOf = new Map(list.map((c) => [c.name, (p.fill ?? String)(localize(c.label, lang))]));
  const stored = Array.isArray(p.answer?.value) ? (p.answer!.value as string[]) : null;
  // The stored order, then any choice offered since (a filter may offer more).
  const order = stored ? [...stored, ...codes.filter((c) => !stored.includes(c))] : codes;
  const disabled = p.disabled || item.readOnly;
  const [said, setSaid] = useState('');
  const [focus, setFocus] = useState<{ code: string; dir: 'up' | 'down' } | null>(null);
  const [drag, setDrag] = useState<{ code: string; y: number; dy: number } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (!focus) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-rank="${CSS.escape(focus.code)}"]`);
    const button = row?.querySelector<HTMLButtonElement>(`button.${focus.dir}:not(:disabled)`) ?? row?.querySelector<HTMLButtonElement>('button:not(:disabled)');
    button?.focus();
  }, [focus, p.answer?.value]);

  const save = (next: string[], moved?: string) => {
    p.onChange({ value: next }, false);
    if (moved) setSaid(t('rankMoved', { label: labelOf.get(moved) ?? moved, n: next.indexOf(moved) + 1, total: next.length }));
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length || from === to) return;
    const next = order.slice();
    const [code] = next.splice(from, 1);
    next.splice(to, 0, code!);
    save(next, code);
  };

  /** The row under a pointer at `clientY`: where a dragged choice goes. */
  const indexAt = (clientY: number): number => {
    const rows = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-rank]') ?? [])];
    const i = rows.findIndex((r) => clientY < r.getBoundingClientRect().top + r.getBoundingClientRect().height / 2);
    return i < 0 ? rows.length - 1 : i;
  };

  return (
    <>
      <ol class="rank" ref={listRef} data-testid={`rank-${item.name}`}>
        {order.map((code, i) => (
          <li
            key={code}
            class={`rank-item ${drag?.code === code ? 'dragging' : ''}`}
            data-rank={code}
            style={drag?.code === code ? { transform: `translateY(${drag.dy}px)` } : undefined}
          >
            <span
              class="rank-handle"
              aria-hidden="true"
              onPointerDown={(e) => {
                if (disabled) return;
                (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
                setDrag({ code, y: e.clientY, dy: 0 });
              }}
              onPointerMove={(e) => drag?.code === code && setDrag({ ...drag, dy: e.clientY - drag.y })}
              onPointerUp={(e) => {
                if (drag?.code !== code) return;
                setDrag(null);
                move(i, indexAt(e.clientY));
              }}
              onPointerCancel={() => setDrag(null)}
            >
              ⠿
            </span>
            <span class="rank-pos">{i + 1}</span>
            <span class="rank-label">{labelOf.get(code) ?? code}</span>
            <button
              type="button"
              class="btn small up"
              disabled={disabled || i === 0}
              aria-label={t('moveUp', { label: labelOf.get(code) ?? code })}
              onClick={() => {
                setFocus({ code, dir: 'up' });
                move(i, i - 1);
              }}
              data-testid={`up-${item.name}-${code}`}
            >
              ↑
            </button>
            <button
              type="button"
              class="btn small down"
              disabled={disabled || i === order.length - 1}
              aria-label={t('moveDown', { label: labelOf.get(code) ?? code })}
              onClick={() => {
                setFocus({ code, dir: 'down' });
                move(i, i + 1);
              }}
              data-testid={`down-${item.name}-${code}`}
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
      <p class="sr-only" aria-live="polite">{said}</p>
      {!stored && !disabled && order.length > 0 && (
        <button type="button" class="btn small" onClick={() => save(order)} data-testid={`keep-${item.name}`}>
          {t('rankKeep')}
        </button>
      )}
      {stored && !disabled && (
        <button type="button" class="link small" onClick={() => p.onChange({ value: null }, false)}>
          {t('clear')}
        </button>
      )}
    </>
  );
}
