/**
 * What the section screen reads of repeats before their block is loaded (src/ui/components/repeat-issues.ts):
 * the issues that refuse "Next", found in every instance, and a repeat's heading.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../src/core/instrument/parse';
import { compileInstrument, computeFormState } from '../../src/core/responses/form-state';
import { asksAny, issueKeys, repeatHeading } from '../../src/ui/components/repeat-issues';
import { INSTANCES_AT_ONCE, instanceWindow } from '../../src/ui/components/instance-window';

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

describe('a long list of instances, drawn a window at a time', () => {
  it('opens on the first 20 of 200, keeps the window while the open one is in it, and moves it to one opened outside', () => {
    expect(instanceWindow(200, 0, null)).toEqual({ start: 0, end: 20 });
    expect(instanceWindow(12, 11, null)).toEqual({ start: 0, end: 12 });
    // The interviewer opens the 15th: the same window.
    expect(instanceWindow(200, 14, { start: 0, end: 20 })).toEqual({ start: 0, end: 20 });
    // A 201st added (and opened): the window follows it to the end of the list.
    expect(instanceWindow(201, 200, { start: 0, end: 20 })).toEqual({ start: 181, end: 201 });
    // The issue "Next" points at is in the 100th: the window is centred on it.
    expect(instanceWindow(200, 99, { start: 181, end: 201 })).toEqual({ start: 89, end: 109 });
    // Closed: the window stays where it was; after "Show earlier" it holds what was asked.
    expect(instanceWindow(200, -1, { start: 89, end: 109 })).toEqual({ start: 89, end: 109 });
    expect(instanceWindow(200, 95, { start: 9, end: 109 })).toEqual({ start: 9, end: 109 });
    expect(INSTANCES_AT_ONCE).toBe(20);
  });

  it('a window past the end after removals shrinks back to the list', () => {
    expect(instanceWindow(30, -1, { start: 181, end: 201 })).toEqual({ start: 10, end: 30 });
  });
});
