/**
 * What Dala makes of a form of the public corpus (../shared/xlsforms), in the words of the table in
 * docs/xlsform.md: "opens", "opens, 3 warnings", or "refused: repeats, media". A refusal is named by
 * the features its errors are about, so the table says why without listing every row.
 */
import type { Problem } from '../../../src/core/errors';
import type { XlsFormResult } from '../../../src/core/xlsform/index';

/** Error messages -> the feature they are about; the first pattern that matches wins. */
const FEATURES: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/does not support (repeats|loops)/, 'repeats'],
  [/does not support (photo|audio|video|file uploads|signatures|background audio)/, 'media'],
  [/does not support GPS/, 'GPS'],
  [/does not support external data files/, 'external data files'],
  [/the form reads the file '[^']+' \(([^)]+\)?)\), which is not among its files/, 'a data file not given'],
  [/does not support OpenStreetMap/, 'OpenStreetMap'],
  [/does not support including other forms/, 'include'],
  [/does not support (jr:choice-name|instance|current)\(\)/, (m) => `${m[1]}()`],
  [/pulldata\(\) takes 4 arguments, not \d+/, 'pulldata() without 4 arguments'],
  [/unknown function '([^']+)'/, (m) => `${m[1]}()`],
  [/([a-z:-]+)\(\) is not supported: it is SurveyCTO's/, (m) => `SurveyCTO's ${m[1]}()`],
  [/([a-z:-]+)\(\) is not supported/, (m) => `${m[1]}()`],
  [/is ambiguous: '[^']+' is the name of questions in several groups/, 'the same name in several groups, read by path'],
  [/curly quote/, 'curly quotes'],
  [/paths are not supported/, 'XPath paths'],
  [/unexpected name '([^']+)'/, 'bare names in expressions'],
  [/catastrophic backtracking/, 'an unsafe regex'],
  [/duplicate choice/, 'duplicate choice names'],
  [/duplicate column/, 'duplicate columns'],
  [/unknown question type '([^']+)'/, (m) => `type '${m[1]}'`],
  [/list '[^']+' does not exist/, 'a missing choice list'],
  [/is not a question in this form/, 'a reference to no question'],
  [/is a group, not a question/, 'a reference to a group'],
  [/sheet 'survey' missing/, 'no survey sheet'],
  [/cells of the form's sheets hold more than/, 'too much text'],
];

export function featureOf(p: Problem): string {
  for (const [re, name] of FEATURES) {
    const m = re.exec(p.message);
    if (m) return typeof name === 'string' ? name : name(m);
  }
  return p.message;
}

export function outcome(result: XlsFormResult): string {
  if (result.ok) {
    const n = result.warnings.length;
    return n === 0 ? 'opens' : `opens, ${n} ${n === 1 ? 'warning' : 'warnings'}`;
  }
  const features = [...new Set(result.problems.filter((p) => p.severity === 'error').map(featureOf))].sort();
  return `refused: ${features.join(', ')}`;
}
