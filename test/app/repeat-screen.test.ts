/**
 * What the section screen reads of repeats before their block is loaded (src/ui/components/repeat-issues.ts):
 * the issues that refuse "Next", found in every instance, and a repeat's heading.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../src/core/instrument/parse';
import { compileInstrument, computeFormState } from '../../src/core/responses/form-state';
import { asksAny, issueKeys, repeatHeading } from '../../src/ui/components/repeat-issues';

const parsed = parseInstrument(JSON.parse(readFileSync(new URL('../fixtures/instruments/household-roster.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error('the roster fixture does not parse');
const compiled = compileInstrument(parsed.instrument);
const tree = compiled.trees[0]!;

describe("the section screen's view of its repeats", () => {
  it('finds the issues in every instance, a nested one included, in the order of the screen', () => {
    const form = computeFormState(
      compiled,
      { 'member[a]': 1, 'member[a]/age': 34, 'member[a]/job[j]': 1, 'member[a]/job[j]/hours': -1, 'member[b]': 2, 'member[b]/name': 'Bek', 'member[b]/age': 130 },
      '2026-12-03',
    );
    // Aida's name is required; Bek's age breaks the constraint. (hours has no constraint: no issue.)
    expect(issueKeys(form, tree, [])).toEqual(['member[a]/name', 'member[b]/age']);
  });

  it('a repeat with too few instances is an issue of its own, keyed by the repeat', () => {
    const form = computeFormState(compiled, {}, '2026-12-03');
    expect(issueKeys(form, tree, [])).toEqual(['member']);
  });

  it("a respondent's screen that lists a repeat's question shows the repeat", () => {
    const member = tree.find((n) => n.kind === 'repeat')!;
    expect(asksAny(member, new Set(['hours']))).toBe(true);
    expect(asksAny(member, new Set(['village']))).toBe(false);
  });

  it('heads a repeat by its label without the names its instances fill in, else by its name', () => {
    expect(repeatHeading('Member: ${name}', 'member')).toBe('Member');
    expect(repeatHeading('${name}', 'member')).toBe('member');
    expect(repeatHeading('Household member', 'member')).toBe('Household member');
    expect(repeatHeading('', 'member')).toBe('member');
  });
});
