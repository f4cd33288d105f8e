/** Small instruments for scoring tests, built in code. */
import type { Instrument, Item, ScaleDef } from '../../../src/core/instrument/types';

export interface Spec {
  /** Likert scales by key: point values and non-substantive codes. */
  likert?: Record<string, { points: number[]; dk?: string[] }>;
  /** Scales: items (all Likert, on `likert` or the first scale), reversed items. */
  scales: { name: string; items: string[]; reversed?: string[]; likert?: string }[];
  /** Single-choice items: name -> choice names. */
  choices?: Record<string, string[]>;
  /** Extra items. */
  items?: Item[];
}

export function instrument(spec: Spec): Instrument {
  const likert = spec.likert ?? { agree5: { points: [1, 2, 3, 4, 5], dk: ['dk'] } };
  const firstScale = Object.keys(likert)[0]!;
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const s of spec.scales) {
    for (const name of s.items) {
      if (seen.has(name)) continue;
      seen.add(name);
      items.push({ name, type: 'likert', likert: s.likert ?? firstScale, label: { en: name } });
    }
  }
  for (const [name] of Object.entries(spec.choices ?? {})) {
    items.push({ name, type: 'select_one', choices: name, label: { en: name } });
  }
  items.push(...(spec.items ?? []));
  const scales: ScaleDef[] = spec.scales.map((s) => ({ name: s.name, label: { en: s.name }, items: s.items, reversed: s.reversed ?? [] }));
  return {
    type: 'dala-instrument',
    version: 3,
    id: 'test',
    studyVersion: '1',
    title: { en: 'Test' },
    languages: ['en'],
    choiceLists: Object.fromEntries(
      Object.entries(spec.choices ?? {}).map(([name, codes]) => [name, codes.map((c) => ({ name: c, label: { en: c } }))]),
    ),
    likertScales: Object.fromEntries(
      Object.entries(likert).map(([key, { points, dk }]) => [
        key,
        {
          points: points.map((value) => ({ value, label: { en: String(value) } })),
          ...(dk ? { nonSubstantive: dk.map((name) => ({ name, label: { en: name } })) } : {}),
        },
      ]),
    ),
    sections: [{ name: 'main', label: { en: 'Main' }, items }],
    scales,
  };
}

/** Responses from rows of answers; ids r1, r2, ... */
export function responses(rows: Record<string, string | number | string[] | null>[]) {
  return rows.map((answers, i) => ({ id: `r${i + 1}`, answers }));
}
