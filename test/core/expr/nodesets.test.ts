import { describe, expect, it } from 'vitest';
import { instanceReferences, parseExpression, references, type EvalContext } from '../../../src/core/expr/index';
import type { AnswerValue } from '../../../src/core/responses/types';
import { evalError, holds, parseError, value, valueWith } from './helpers';

/**
 * Repeats, choice labels and external data: the language reads them through the context's hooks,
 * fed here by the tests as the form would feed them.
 */

/** A household roster: three members in a repeat `member`, with name and age each. */
const roster = {
  nodeset: (name: string): AnswerValue[] =>
    name === 'name' ? ['Ana', 'Bia', 'Caio'] : name === 'age' ? [34, 7, '19'] : name === 'member' ? ['', '', ''] : name === 'note' ? ['x', null, ''] : [],
  position: (of: { up: number } | { name: string }) => ('up' in of ? of.up + 1 : 3),
  indexed: (name: string, path: readonly { repeat: string; index: number }[]): AnswerValue =>
    name === 'name' && path[0]?.repeat === 'member' ? (['Ana', 'Bia', 'Caio'][path[0].index - 1] ?? null) : null,
} satisfies Partial<EvalContext>;

describe('repeats, through EvalContext.nodeset, position and indexed', () => {
  it('count(), sum(), min(), max(), join() read every instance of the repeat', () => {
    expect(valueWith('count(${member})', {}, roster)).toBe(3);
    expect(valueWith('count(${name})', {}, roster)).toBe(3);
    expect(valueWith('sum(${age})', {}, roster)).toBe(60);
    expect(valueWith('max(${age})', {}, roster)).toBe(34);
    expect(valueWith('min(${age})', {}, roster)).toBe(7);
    expect(valueWith("join(', ', ${name})", {}, roster)).toBe('Ana, Bia, Caio');
    expect(valueWith('concat(${name})', {}, roster)).toBe('AnaBiaCaio');
    expect(valueWith('count-non-empty(${note})', {}, roster)).toBe(1);
    expect(valueWith('count(${nothing})', {}, roster)).toBe(0);
    expect(valueWith('checklist(2, -1, ${name})', {}, roster)).toBe(true);
  });

  it('weighted-checklist() pairs the answers of two items of a repeat', () => {
    const nodeset = (name: string) => (name === 'risk' ? ['yes', '', 'yes'] : ['1', '5', '2']);
    expect(valueWith('weighted-checklist(3, 3, ${risk}, ${weight})', {}, { nodeset })).toBe(true);
    expect(valueWith('weighted-checklist(4, -1, ${risk}, ${weight})', {}, { nodeset })).toBe(false);
    expect(evalError('weighted-checklist(1, 2, ${risk}, ${weight})', {}, { nodeset: (n) => (n === 'risk' ? ['a'] : []) }).reason).toBe(
      'weighted-checklist(): the values and the weights are not as many',
    );
  });

  it('sum() of answers one of which is not a number is NaN (XPath 1.0), and a calculation stores no value', () => {
    expect(valueWith('sum(${x})', {}, { nodeset: () => ['1', '', '2'] })).toBeNaN();
    expect(valueWith('sum(${x})', {}, { nodeset: () => [] })).toBe(0);
  });

  it('without the nodeset hook, an item is one node: counted when answered', () => {
    expect(value('count(${x})', { x: 'a' })).toBe(1);
    expect(value('count(${x})', { x: null })).toBe(0);
    expect(value('count-non-empty(${x})', { x: '' })).toBe(0);
    expect(value('sum(${x})', { x: 5 })).toBe(5);
    expect(value("join('-', ${x}, ${y})", { x: 'a', y: 'b' })).toBe('a-b');
  });

  it('position(..) and position(${repeat}) give the instance, from the hook', () => {
    expect(valueWith('position(..)', {}, roster)).toBe(2);
    expect(valueWith('position(../..)', {}, roster)).toBe(3);
    expect(valueWith('position(${member})', {}, roster)).toBe(3);
    expect(valueWith('selected-at(${crops}, position(..) - 1)', { crops: ['maize', 'beans'] }, roster)).toBe('beans');
  });

  it('indexed-repeat(${name}, ${repeat}, n) reads one instance; an index below 1 is 1, as Collect', () => {
    expect(valueWith('indexed-repeat(${name}, ${member}, 2)', {}, roster)).toBe('Bia');
    expect(valueWith('indexed-repeat(${name}, ${member}, ${head})', { head: 3 }, roster)).toBe('Caio');
    expect(valueWith('indexed-repeat(${name}, ${member}, ${head})', { head: null }, roster)).toBe('Ana');
    expect(valueWith('indexed-repeat(${name}, ${member}, 9)', {}, roster)).toBe('');
    const seen: unknown[] = [];
    valueWith('indexed-repeat(${crop}, ${plot}, 2, ${season}, 1 + 1)', {}, { indexed: (name, path) => (seen.push([name, path]), null) });
    expect(seen).toEqual([['crop', [{ repeat: 'plot', index: 2 }, { repeat: 'season', index: 2 }]]]);
  });

  it('the repeat names read this way are references, for the checks to know', () => {
    expect(references(parseExpression('indexed-repeat(${name}, ${member}, position(..)) + count(${hh})'))).toEqual(['name', 'member', 'hh']);
  });
});

describe('jr:choice-name(code, "${item}"), through EvalContext.choiceLabel', () => {
  const labels = { choiceLabel: (item: string, code: string) => (item === 'crop' && code === 'mz' ? 'Maize' : null) };

  it('gives the label of the choice, in the language the hook chose', () => {
    expect(valueWith("jr:choice-name(${crop}, '${crop}')", { crop: 'mz' }, labels)).toBe('Maize');
    expect(valueWith("jr:choice-name('mz', '/data/farm/crop')", {}, labels)).toBe('Maize');
    expect(valueWith("jr:choice-name(selected-at(${crop}, 0), '${crop}')", { crop: ['mz', 'x'] }, labels)).toBe('Maize');
  });

  it('gives nothing for an unanswered item or an unknown code, and refuses what does not name an item', () => {
    expect(valueWith("jr:choice-name(${crop}, '${crop}')", { crop: null }, labels)).toBe('');
    expect(valueWith("jr:choice-name('zz', '${crop}')", {}, labels)).toBe('');
    expect(evalError("jr:choice-name('mz', 'not an item')", {}, labels).reason).toBe(
      "jr:choice-name(): 'not an item' does not name an item: write '${name}'",
    );
  });
});

describe('external data: instance() paths and pulldata(), through EvalContext.instance', () => {
  const rows = [
    { name: 'almaty', label: 'Almaty', region: 'south', population: '2000000' },
    { name: 'astana', label: 'Astana', region: 'north', population: '1300000' },
    { name: 'shymkent', label: 'Shymkent', region: 'south', population: '1200000' },
    { name: 'tricky', ['__proto__']: 'polluted', label: 'Tricky', region: 'west' },
  ] as Record<string, string>[];
  const data = { instance: (id: string) => (id === 'cities' ? rows : null) };

  it("instance('x')/root/item[name = ${y}]/label reads the matching row's column", () => {
    expect(valueWith("instance('cities')/root/item[name = ${city}]/label", { city: 'astana' }, data)).toBe('Astana');
    expect(valueWith("instance('cities')/root/item[name = current()/../city]/label", { city: 'astana' }, data)).toBe('Astana');
    expect(valueWith("instance('cities')/root/item[name = ${city}]/label", { city: 'nowhere' }, data)).toBe('');
  });

  it('count() and sum() of rows; several filters; position() and last() in a filter', () => {
    expect(valueWith("count(instance('cities')/root/item[region = 'south'])", {}, data)).toBe(2);
    expect(valueWith("sum(instance('cities')/root/item[region = 'south']/population)", {}, data)).toBe(3200000);
    expect(valueWith("instance('cities')/root/item[region = 'south'][2]/label", {}, data)).toBe('Shymkent');
    expect(valueWith("instance('cities')/root/item[position() = 2]/label", {}, data)).toBe('Astana');
    expect(valueWith("instance('cities')/root/item[position() = last()]/label", {}, data)).toBe('Tricky');
    expect(valueWith("instance('cities')/root/item[${n}]/label", { n: 3 }, data)).toBe('Shymkent');
    expect(valueWith("join(' ', instance('cities')/root/item[region != ${r}]/name)", { r: 'south' }, data)).toBe('astana tricky');
  });

  it('a comparison with a node-set holds when it holds for one of its nodes (XPath 1.0)', () => {
    expect(valueWith("instance('cities')/root/item/region = 'north'", {}, data)).toBe(true);
    expect(valueWith("instance('cities')/root/item/region = 'east'", {}, data)).toBe(false);
    expect(valueWith("instance('cities')/root/item[region = 'east']/label", {}, data)).toBe('');
    expect(valueWith("boolean(instance('cities')/root/item[region = 'east'])", {}, data)).toBe(false);
    expect(valueWith("boolean(instance('cities')/root/item[region = 'west'])", {}, data)).toBe(true);
  });

  it("pulldata('x', 'column', 'key column', key) is the first matching row's column", () => {
    expect(valueWith("pulldata('cities', 'label', 'name', ${city})", { city: 'shymkent' }, data)).toBe('Shymkent');
    expect(valueWith("pulldata('cities', 'population', 'region', 'south')", {}, data)).toBe('2000000');
    expect(valueWith("pulldata('cities', 'nope', 'name', 'almaty')", {}, data)).toBe('');
  });

  it('a column named __proto__ or constructor is only a column', () => {
    expect(valueWith("instance('cities')/root/item[__proto__ = 'polluted']/label", {}, data)).toBe('Tricky');
    expect(valueWith("count(instance('cities')/root/item[constructor != ''])", {}, data)).toBe(0);
    expect(valueWith("pulldata('cities', 'label', '__proto__', 'polluted')", {}, data)).toBe('Tricky');
    expect(valueWith("pulldata('cities', 'toString', 'name', 'almaty')", {}, data)).toBe('');
  });

  it('data the form does not have, or no data at all, is an error that names it', () => {
    expect(evalError("instance('towns')/root/item/label", {}, data).reason).toBe("no external data named 'towns'");
    expect(evalError("pulldata('towns', 'a', 'b', 'c')", {}, data).reason).toBe("no external data named 'towns'");
    expect(evalError("instance('towns')/root/item/label").reason).toBe("instance('towns') needs external data, and none is attached here");
  });

  it('instanceReferences() lists the data an expression reads', () => {
    expect(instanceReferences(parseExpression("instance('a')/root/item[x = pulldata('b', 'c', 'd', 1)]/y + pulldata(${e}, 'f', 'g', 2)"))).toEqual(['a', 'b']);
    expect(references(parseExpression("instance('a')/root/item[x = ${y}]/z"))).toEqual(['y']);
  });

  it('many rows filtered by a filter that reads more rows stop at the evaluation cap', () => {
    const many = Array.from({ length: 2000 }, (_, k) => ({ name: String(k) }));
    const err = evalError("count(instance('big')/root/item[count(instance('big')/root/item[name = 1]) = 1])", {}, { instance: () => many });
    expect(err.reason).toBe('expression takes more than 1000000 steps to evaluate');
  });
});

describe('paths that name an item', () => {
  it('/data/group/name, ../name, current()/../name and group/name read ${name}', () => {
    const answers = { age: 40 };
    for (const path of ['/data/age', '/data/group/sub/age', '../age', '../../age', 'current()/../age', './age', 'group/age']) {
      expect(references(parseExpression(`${path} > 18`))).toEqual(['age']);
      expect(holds(`${path} > 18`, answers)).toBe(true);
    }
  });

  it('a real form: /data/... paths in a relevance', () => {
    const relevant = "${SF2b}='yes' and /data/peek_visual_acuity_tests/peek_uncorrected_left_eye/logMAR > 0.3";
    expect(references(parseExpression(relevant))).toEqual(['SF2b', 'logMAR']);
    expect(holds(relevant, { SF2b: 'yes', logMAR: '0.5' })).toBe(true);
  });

  it('current() alone is the answer being checked', () => {
    expect(holds("current() = 'x'", {}, 'x')).toBe(true);
    expect(holds(". = current()/.", {}, 'x')).toBe(true);
  });

  it('a path cannot name the form itself, a child of a reference, or step up after a name', () => {
    expect(parseError('/data').reason).toContain("'/data' is the form itself");
    expect(parseError('${a}/b').reason).toContain("unexpected '/'");
    expect(parseError('/data/../b').reason).toContain('expected a name');
  });
});

describe('null and curly quotes, as pyxform-era forms write them', () => {
  it('null is the empty string, as Collect reads a path to nothing: ${x} != null means answered', () => {
    expect(holds('${x} != null', { x: 'a' })).toBe(true);
    expect(holds('${x} != null', { x: null })).toBe(false);
    expect(holds('${x} = null', { x: null })).toBe(true);
    expect(references(parseExpression('${x} != null'))).toEqual(['x']);
  });

  it('curly quotes are straight quotes, as pyxform makes them in every cell', () => {
    expect(holds('${a} = ‘yes’', { a: 'yes' })).toBe(true);
    expect(holds('${a} = “yes”', { a: 'yes' })).toBe(true);
    expect(holds("selected(${v}, ‘other')", { v: ['other'] })).toBe(true);
    // Inside strings too: pyxform 4.5.0 writes concat(‘it’, “’s”) as concat('it', "'s").
    expect(value('concat(‘it’, “’s”)')).toBe("it's");
    // The error still quotes the text as written, with its offsets.
    const err = parseError('${a} = ‘yes');
    expect(err.source).toBe('${a} = ‘yes');
    expect(err.position).toBe(7);
  });
});

describe('randomize()', () => {
  const letters = { nodeset: () => ['A', 'B', 'C', 'D', 'E', 'F'] };
  it.each([
    [42, 'AFCBDE'],
    ["'42'", 'AFCBDE'],
    [-42, 'EDAFBC'],
    [1, 'BFEACD'],
    [11111111, 'ACDBFE'],
    ['int(1)', 'BFEACD'],
    [1.1, 'BFEACD'],
    [0, 'CBEAFD'],
    ['0 div 0', 'CBEAFD'],
    ['1 div 0', 'CBEAFD'],
    [5989458117437254, 'ACBEDF'],
    ["'mirror'", 'ACBEDF'],
  ])('with the seed %s gives the order ODK gives: %s', (seed, order) => {
    expect(valueWith(`join('', randomize(\${x}, ${seed}))`, {}, letters)).toBe(order);
  });

  it('without a seed, shuffles with the random source', () => {
    expect(valueWith("join('', randomize(${x}))", {}, { ...letters, random: () => 0 })).toBe('FABCDE');
    expect(evalError("join('', randomize(${x}))", {}, letters).reason).toContain('randomize() needs a source of random numbers');
  });
});
