/** Numbers as the results show them: two decimals in the app's locale, p to three, null as "—". */
import type { AppLang } from '../../app/i18n';

export interface Format {
  /** Two decimals (or `digits`). */
  num(x: number, digits?: number): string;
  /** p: three decimals, "< 0.001" below that. */
  p(x: number): string;
  /** A share as a whole percentage: 0.75 → "75". */
  pct(share: number): string;
}

export function makeFormat(lang: AppLang): Format {
  const locale = lang === 'kk' ? 'kk-KZ' : lang === 'ru' ? 'ru-RU' : 'en-GB';
  const fixed = (d: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false });
  const two = fixed(2);
  const three = fixed(3);
  const whole = fixed(0);
  return {
    num: (x, digits = 2) => (digits === 2 ? two : fixed(digits)).format(x),
    p: (x) => (x < 0.001 ? `< ${three.format(0.001)}` : three.format(x)),
    pct: (share) => whole.format(share * 100),
  };
}

/** A figure of the report; null is "—" with the reason in a tooltip and for screen readers. */
export function Num({ v, why, f, kind = 'num' }: { v: number | null | undefined; why: string; f: Format; kind?: 'num' | 'p' | 'int' | 'pct' }) {
  if (v === null || v === undefined) {
    return (
      <span class="null" title={why}>
        —<span class="sr-only"> ({why})</span>
      </span>
    );
  }
  const text = kind === 'p' ? f.p(v) : kind === 'int' ? String(v) : kind === 'pct' ? f.pct(v) : f.num(v);
  return <>{text}</>;
}
