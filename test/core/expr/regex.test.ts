import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/core/expr/index';
import { compileRegex, MAX_PROGRAM, searchWithSteps } from '../../../src/core/expr/groups/regex-engine';
import { readXlsx } from '../../../src/core/xlsform/index';
import { evalError, holds, parse, parseError } from './helpers';

/**
 * regex() runs on an engine that cannot backtrack (src/core/expr/regex-engine.ts): a search takes
 * at most 2 x (program size) x (characters + 1) steps whatever the pattern. The steps are counted,
 * so the bound is checked here by counting, not by a clock.
 */
// Generous timeouts for the properties: the whole unit suite runs in parallel with them.
const TIMEOUT = 60_000;

describe('no pattern can stall a phone', () => {
  const bound = (program: { insts: readonly unknown[] }, text: string) => 2 * program.insts.length * ([...text].length + 1);

  it('a*a*a*a*a*a*a*a*a*a*a*a*b on 10,000 characters: a few hundred thousand steps, where a backtracking engine takes seconds', () => {
    const program = compileRegex('a*a*a*a*a*a*a*a*a*a*a*a*b');
    const text = 'a'.repeat(10_000);
    const { found, steps } = searchWithSteps(program, text);
    expect(found).toBe(false);
    expect(steps).toBeLessThanOrEqual(bound(program, text));
    expect(steps).toBeLessThan(600_000);
    // And through the expression language, at the largest input regex() takes.
    expect(holds("regex(., 'a*a*a*a*a*a*a*a*a*a*a*a*b')", {}, text)).toBe(false);
  });

  it.each(['^(a+)+$', '^([a-z]+ ?)+$', '^(a|aa)+$', '^(\\d+,)*$', '(x+x+)+y', '^(a?){25}a{25}$', '(.*a){12}'])(
    'the catastrophic pattern %s stays within the bound on 10,000 characters',
    (pattern) => {
      const program = compileRegex(pattern);
      for (const text of ['a'.repeat(10_000) + '!', 'x'.repeat(10_000), '1,'.repeat(5000) + 'x']) {
        const { steps } = searchWithSteps(program, text);
        expect(steps).toBeLessThanOrEqual(bound(program, text));
      }
    },
  );

  it('the bound holds for random patterns and texts', () => {
    fc.assert(
      fc.property(pattern, fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', 'Ж', '-'), maxLength: 200 }), (p, text) => {
        const program = compileRegex(p);
        return searchWithSteps(program, text).steps <= bound(program, text);
      }),
      { numRuns: 500 },
    );
  }, TIMEOUT);

  it(`a pattern whose repetitions count out to more than ${MAX_PROGRAM} steps is refused`, () => {
    expect(parseError("regex(., '(a{100}){100}')").reason).toContain(`pattern too large: more than ${MAX_PROGRAM} steps`);
    expect(parseError("regex(., 'a{1001}')").reason).toContain('a count above 1000');
    expect(() => parse("regex(., '^[0-9]{10}$')")).not.toThrow();
  });
});

// Patterns built from the syntax the engine shares with JavaScript's RegExp (with the u flag).
const atom = fc.oneof(
  fc.constantFrom('a', 'b', '1', 'Ж', '.', '\\d', '\\w', '\\s', '\\D', '[ab]', '[^a]', '[a-c1]', '\\p{L}', '\\P{L}', '\\-', '\\.', ' '),
);
const { pattern } = fc.letrec<{ pattern: string; piece: string }>((tie) => ({
  piece: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    atom,
    fc.tuple(atom, fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,}', '*?', '+?')).map(([a, q]) => a + q),
    tie('pattern').map((p) => `(${p})`),
    fc.tuple(tie('pattern'), fc.constantFrom('*', '+', '?', '{2}')).map(([p, q]) => `(?:${p})${q}`),
    fc.tuple(tie('pattern'), tie('pattern')).map(([x, y]) => `${x}|${y}`),
    fc.constantFrom('^', '$', '\\b', '\\B'),
  ),
  pattern: fc.array(tie('piece'), { minLength: 1, maxLength: 4 }).map((ps) => ps.join('')),
}));

describe('it matches as JavaScript does', () => {
  it('random patterns on random short texts give what RegExp with the u flag gives', () => {
    fc.assert(
      fc.property(pattern, fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', ' ', 'Ж', '\n', '-', '.'), maxLength: 8 }), (p, text) => {
        let js: RegExp;
        try {
          js = new RegExp(p, 'u');
        } catch {
          return true; // not JavaScript (a quantified \b...): nothing to compare with
        }
        expect(searchWithSteps(compileRegex(p), text).found, `/${p}/u on ${JSON.stringify(text)}`).toBe(js.test(text));
        return true;
      }),
      { numRuns: 3000 },
    );
  }, TIMEOUT);

  it.each([
    ['^[0-9]{10}$', '0123456789', true],
    ['^[0-9]{10}$', '012345678', false],
    ['^\\d{3}-\\d{4}$', '123-4567', true],
    ['^\\+?[0-9]{7,15}$', '+77011234567', true],
    ['^[A-Z]{2}-[0-9]{3}$', 'KZ-001', true],
    ['^\\p{L}+$', 'Қазақша', true],
    ['^\\p{L}+$', 'abc1', false],
    ['^\\p{Lu}', 'Әлем', true],
    ['^\\p{Script=Cyrillic}+$', 'Сәлем', true],
    ['^\\p{sc=Cyrl}+$', 'Сәлем', true],
    ['^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі ]+$', 'Сәлем Әлем', true],
    ['^\\S+@\\S+\\.\\S+$', 'a@b.kz', true],
    ['\\bfoo\\b', 'a foo b', true],
    ['\\bfoo\\b', 'afoo', false],
    ['^🥰.$', '🥰x', true],
    ['^\\u{1F970}$', '🥰', true],
    ['a.c', 'a\nc', false],
    ['^$', '', true],
    ['', 'anything', true],
  ])('/%s/ on %j is %s', (p, text, expected) => {
    expect(searchWithSteps(compileRegex(p), text).found).toBe(expected);
    expect(new RegExp(p, 'u').test(text)).toBe(expected);
  });

  it('a script may be named as RE2 and Java name it', () => {
    expect(holds("regex(., '^\\p{Cyrillic}+$')", {}, 'Сәлем')).toBe(true);
    expect(holds("regex(., '^\\p{IsCyrillic}+$')", {}, 'Salem')).toBe(false);
    expect(holds("regex(., '^\\p{IsL}+$')", {}, 'Salem')).toBe(true);
  });

  it('(?i) at the start ignores case, as Java (ODK Collect) writes it', () => {
    expect(holds("regex(., '(?i)^yes$')", {}, 'YeS')).toBe(true);
    expect(holds("regex(., '(?i)^[^a]$')", {}, 'A')).toBe(false);
    expect(holds("regex(., '(?i)^[а-я]+$')", {}, 'ҚАЗ')).toBe(false);
    expect(holds("regex(., '(?i)^[а-я]+$')", {}, 'МИР')).toBe(true);
    expect(parseError("regex(., 'a(?i)b')").reason).toContain('(?i) is supported only at the start of the pattern');
  });
});

describe('what the engine refuses, and why', () => {
  it.each([
    ['(a)\\1', 'backreferences are not supported'],
    ['(?<x>a)\\k<x>', 'backreferences are not supported'],
    ['(?=a)', 'lookahead and lookbehind are not supported'],
    ['(?<!a)b', 'lookahead and lookbehind are not supported'],
    ['a++', 'a quantifier cannot follow a quantifier (possessive quantifiers are not supported)'],
    ['*a', 'nothing to repeat'],
    ['^*', 'nothing to repeat'],
    ['[a-', "missing ']'"],
    ['(a', "missing ')'"],
    ['a)', "unmatched ')'"],
    ['[z-a]', 'range out of order in character class'],
    ['a{3,1}', 'numbers out of order in {n,m}'],
    ['\\q', 'unknown escape \\q'],
    ['\\p{Klingon}', "unknown Unicode property 'Klingon'"],
    ['\\', '\\ at the end of the pattern'],
    ['\\x4', 'invalid escape: expected hexadecimal digits'],
  ])('%s: %s', (p, reason) => {
    const err = parseError(`regex(., '${p}')`);
    expect(err.reason).toContain(reason);
    expect(err.position).toBe(9);
  });

  it('a pattern from an answer is checked when it runs, with the same words', () => {
    expect(evalError('regex(., ${p})', { p: '(a)\\1' }).reason).toContain('backreferences are not supported');
    expect(evalError('regex(., ${p})', { p: 'a'.repeat(LIMITS.patternLength + 1) }).reason).toBe(`regex pattern longer than ${LIMITS.patternLength} characters`);
  });

  it('JavaScript quirks that forms write are read leniently, as Java and RE2 read them', () => {
    // `\-` outside a class and a `{` that is no count are errors with RegExp's u flag.
    expect(holds("regex(., '^[0-9]{3}\\-[0-9]{2}$')", {}, '123-45')).toBe(true);
    expect(holds("regex(., '^a{,2}$')", {}, 'a{,2}')).toBe(true);
  });
});

describe('the regex() patterns of real forms', () => {
  const shared = resolve(import.meta.dirname, '../../../../shared/xlsforms');
  const files = ['field', 'pyxform'].flatMap((dir) =>
    readdirSync(join(shared, dir))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => join(shared, dir, f)),
  );

  /** Every regex() pattern written in a survey sheet's cells. */
  function patterns(): { file: string; pattern: string }[] {
    const out: { file: string; pattern: string }[] = [];
    for (const file of files) {
      let sheets;
      try {
        sheets = readXlsx(new Uint8Array(readFileSync(file)), file).sheets;
      } catch {
        continue; // the deliberately broken workbooks of pyxform's suite
      }
      for (const sheet of sheets) {
        for (const row of sheet.rows) {
          for (const cell of row.cells) {
            for (const m of cell.replace(/[‘’]/g, "'").matchAll(/regex\s*\(\s*[^,]+,\s*'([^']*)'\s*\)/g)) out.push({ file, pattern: m[1]! });
          }
        }
      }
    }
    return out;
  }

  it('every one compiles, and agrees with JavaScript on examples', () => {
    const found = patterns();
    expect(found.length).toBeGreaterThanOrEqual(10);
    const examples = ['', '0', '123', '80123', '80123-V12', '0123456789', '(555) 123-4567', 'LEB-12c12345', 'a@b.com', 'x@fema.dhs.gov', 'abc'];
    for (const { file, pattern: p } of found) {
      const program = compileRegex(p);
      const js = [() => new RegExp(p, 'u'), () => new RegExp(p)].reduce<RegExp | null>((found, make) => {
        if (found) return found;
        try {
          return make(); // `\-` outside a class: JavaScript reads it without the u flag only
        } catch {
          return null; // Java's `{3}+`: JavaScript cannot read it at all
        }
      }, null);
      if (js) for (const text of examples) expect(searchWithSteps(program, text).found, `${file}: /${p}/ on ${text}`).toBe(js.test(text));
    }
  }, 60_000); // reading every workbook of shared/xlsforms takes a few seconds

  it("a Java pattern with {n}+ (as Collect reads it) works, though JavaScript's RegExp refuses it", () => {
    const id = '^[A-Z]{3}+_+[A-Z]{3}+_+[0-9]{4}+_+[0-9]{3,4}$';
    expect(holds(`regex(., '${id}')`, {}, 'ABC_DEF_2024_123')).toBe(true);
    expect(holds(`regex(., '${id}')`, {}, 'ABC_DEF_2024_12')).toBe(false);
    expect(() => new RegExp(id)).toThrow(SyntaxError);
    expect(parseError("regex(., 'a{1,3}+')").reason).toContain('possessive quantifiers are not supported');
  });

  it("the phone pattern with a repeated group the old check refused now runs, in bounded steps", () => {
    const phone = '^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$';
    expect(holds(`regex(., '${phone}')`, {}, '(555) 123-4567')).toBe(true);
    expect(holds(`regex(., '${phone}')`, {}, '555-123-456x')).toBe(false);
    const program = compileRegex(phone);
    const text = '1'.repeat(LIMITS.regexInputLength - 1) + 'x';
    expect(searchWithSteps(program, text).steps).toBeLessThanOrEqual(2 * program.insts.length * (text.length + 1));
  });
});
