/**
 * regex() refuses patterns that backtrack catastrophically (docs/expressions.md, "Limits"):
 * literal patterns when the expression is parsed, computed ones when regex() runs.
 * No test here measures time: a dangerous pattern must be refused before it is run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionError, answersContext, evaluate, parseExpression } from '../../../src/core/expr/index';
import { TODAY, errorOf, holds, parseError } from './helpers';

const NESTED = 'regex pattern has a repeated group that contains a repetition (catastrophic backtracking): ';
const OPTIONAL = 'regex pattern has a repeated group that contains an optional part (catastrophic backtracking): ';
const ALTERNATIVES =
  'regex pattern has a repeated group whose alternatives are not single different characters (catastrophic backtracking): ';
const BACKREFERENCE = 'regex pattern has a backreference, which can make matching exponentially slow: ';

/** The error regex(., '<pattern>') gets when parsed, and the same pattern computed from an answer. */
function refusals(pattern: string): { literal: ExpressionError; computed: ExpressionError } {
  const literal = parseError(`regex(., '${pattern}')`);
  const expr = parseExpression('regex(., ${p})');
  const computed = errorOf(() => evaluate(expr, answersContext({ p: pattern }, TODAY, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')));
  return { literal, computed };
}

// [pattern, expected reason]
const dangerous: [string, string][] = [
  // A repeated group that contains a repetition.
  ['^([a-z]+ ?)+$', `${NESTED}'([a-z]+ ?)+'`],
  ['^(a+)+$', `${NESTED}'(a+)+'`],
  ['(a*)*', `${NESTED}'(a*)*'`],
  ['^(\\d+)*$', `${NESTED}'(\\d+)*'`],
  ['^(?:\\w+\\s)+$', `${NESTED}'(?:\\w+\\s)+'`],
  ['^(?<word>[A-Za-z]+,)+$', `${NESTED}'(?<word>[A-Za-z]+,)+'`],
  ['^(a{1,3})+$', `${NESTED}'(a{1,3})+'`],
  ['^(a{2,})*$', `${NESTED}'(a{2,})*'`],
  ['^(.+)+?$', `${NESTED}'(.+)+?'`], // lazy outer
  ['^(a+?)+$', `${NESTED}'(a+?)+'`], // lazy inner
  ['^(a+){10}$', `${NESTED}'(a+){10}'`], // an exact count above 1 repeats too
  ['^(a+){2,5}$', `${NESTED}'(a+){2,5}'`],
  ['^(x(a+)y)*$', `${NESTED}'(x(a+)y)*'`], // the repetition may be deeper inside
  ['^((ab)*c)+$', `${NESTED}'((ab)*c)+'`],
  ['^(?:(?:a+)+)+$', `${NESTED}'(?:(?:a+)+)+'`], // the group around the first repetition found
  ['^(?=(a+))+b', `${NESTED}'(?=(a+))+'`],
  // An optional part makes the iterations' lengths vary just as well: ^(a?a?)+$ is exponential.
  ['^(a?a?)+$', `${OPTIONAL}'(a?a?)+'`],
  ['^(\\d-?)+$', `${OPTIONAL}'(\\d-?)+'`],
  // A repeated group with alternatives that are not single different characters.
  ['^(a|aa)+$', `${ALTERNATIVES}'(a|aa)+'`],
  ['^(a|a)*$', `${ALTERNATIVES}'(a|a)*'`],
  ['^(a|\\x61)+$', `${ALTERNATIVES}'(a|\\x61)+'`], // the same character, written twice
  ['^(\\d|\\w)+$', `${ALTERNATIVES}'(\\d|\\w)+'`],
  ['^(.|\\n)*$', `${ALTERNATIVES}'(.|\\n)*'`],
  ['^(ab|cd)+$', `${ALTERNATIVES}'(ab|cd)+'`],
  ['^(a|)+$', `${ALTERNATIVES}'(a|)+'`],
  ['^((a|bc)d)+$', `${ALTERNATIVES}'((a|bc)d)+'`],
  ['^(?:\\+7|8){2}$', `${ALTERNATIVES}'(?:\\+7|8){2}'`],
  // Backreferences.
  ['^(a+)\\1$', `${BACKREFERENCE}'\\1'`],
  ['(\\w)\\9', `${BACKREFERENCE}'\\9'`],
  ['^(?<x>a)\\k<x>$', `${BACKREFERENCE}'\\k<x>'`],
];

describe('patterns that backtrack catastrophically are refused', () => {
  it.each(dangerous)('%s is refused, as a literal and as a computed pattern', (pattern, reason) => {
    const { literal, computed } = refusals(pattern);
    for (const err of [literal, computed]) {
      expect(err).toBeInstanceOf(ExpressionError);
      expect(err.code).toBe('expression');
      expect(err.reason).toBe(reason);
    }
    expect(literal.position).toBe(9); // the quote that opens the pattern in regex(., '...')
    expect(computed.position).toBe(9); // ${p}
    expect(computed.source).toBe('');
  });

  it('a literal pattern is refused at parse time, pointing at the literal', () => {
    const source = "${a} = 1 and regex(., '^([a-z]+ ?)+$')";
    const err = parseError(source);
    expect(err.code).toBe('expression');
    expect(err.position).toBe(22);
    expect(err.source).toBe(source);
    expect(err.message).toBe(
      "regex pattern has a repeated group that contains a repetition (catastrophic backtracking): '([a-z]+ ?)+' at position 23",
    );
  });

  it('a computed pattern is refused when regex() runs, not before, and only if it runs', () => {
    const expr = parseExpression("if(${check} = 'yes', regex(., ${p}), true())");
    const ctx = (check: string) => answersContext({ check, p: '^(a+)+$' }, TODAY, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!');
    expect(evaluate(expr, ctx('no'))).toBe(true);
    const err = errorOf(() => evaluate(expr, ctx('yes')));
    expect(err.reason).toBe(`${NESTED}'(a+)+'`);
    expect(err.position).toBe(30); // ${p}
  });

  it('a pattern that does not compile is reported as invalid, not as unsafe', () => {
    expect(parseError("regex(., '(a+)+(')").reason).toContain('invalid regex pattern');
  });

  it('the check is simple: some fast patterns are refused too', () => {
    // The space separates the words, so this one is fast, but its repeated group repeats.
    expect(parseError("regex(., '^[a-z]+( [a-z]+)*$')").reason).toBe(`${NESTED}'( [a-z]+)*'`);
    // What to write instead (docs/expressions.md).
    const instead = "regex(., '^[a-z]([a-z ]*[a-z])?$') and not(contains(., '  '))";
    expect(holds(instead, {}, 'ab cd e')).toBe(true);
    expect(holds(instead, {}, 'ab  cd')).toBe(false);
    expect(holds(instead, {}, 'ab ')).toBe(false);
  });
});

// [pattern, texts that match, texts that do not]
const harmless: [string, string[], string[]][] = [
  ['^[0-9]{3}-[0-9]{4}$', ['555-1234'], ['5551234', '555-12345', '55a-1234']],
  ['^[A-Z]{2}\\d{6}$', ['AB123456'], ['ab123456', 'AB12345', 'AB1234567']],
  ['^\\S+@\\S+\\.\\S+$', ['a@b.kz', 'first.last@mail.example.org'], ['a@b', 'a b@c.d', '@.']],
  ['^(\\+7|8)[0-9]{10}$', ['+77011234567', '87011234567'], ['77011234567', '+7701123456', '+87011234567']],
  ['^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі ]+$', ['Әсем Ұлы', 'Иван', 'ғҚқ Ёё'], ['John', 'Иван1', '']],
  // Repeated groups without inner repetition, single-character alternatives, exact counts.
  ['^(ab)+$', ['ab', 'ababab'], ['aba', '']],
  ['^(a|b|\\.)+$', ['ab.ba', '.'], ['abc', '']],
  ['^(\\d{3}-)+\\d{2}$', ['123-45', '123-456-78'], ['12-45', '123-4']],
  ['^(?:[+*?{}()|])+$', ['+*?{}()|', '('], ['a', '']], // quantifier characters in a class are literal
  ['^(\\+\\*)+$', ['+*+*'], ['++', '']],
  ['^([0-9]+)?$', ['', '42'], ['4a']], // a group that is optional, not repeated, may repeat inside
  ['^(?:\\d+)$', ['12'], ['a']],
  ['^x(?=\\d+)', ['x12'], ['xa']],
  ['(?<=\\+7)\\d+', ['+701'], ['701', '+7']], // lookbehind
  ['(?<!-)\\b\\d+$', ['12', 'a 12'], ['-12']],
  ['^(?<code>[A-Z]{3})-\\d+$', ['KAZ-1'], ['KA-1']],
  ['^\\p{L}$', ['p{L}'], ['a']], // without the u flag, \p{L} is "p{L}"
  ['^a{,3}$', ['a{,3}'], ['aaa']], // {,3} is not a quantifier
  ['^[\\]]+(\\))+$', ['])', ']]))'], ['])a']], // ] and ) escaped
  ['\\0', ['\u0000'], ['0']],
];

describe('ordinary patterns are accepted and evaluated as JavaScript does', () => {
  it.each(harmless)('%s', (pattern, yes, no) => {
    const literal = parseExpression(`regex(., '${pattern}')`);
    const computed = parseExpression('regex(., ${p})');
    const regex = new RegExp(pattern);
    for (const text of [...yes, ...no]) {
      const expected = yes.includes(text);
      expect(regex.test(text), `${pattern} on ${JSON.stringify(text)}`).toBe(expected);
      expect(evaluate(literal, answersContext({}, TODAY, text))).toBe(expected);
      expect(evaluate(computed, answersContext({ p: pattern }, TODAY, text))).toBe(expected);
    }
  });
});

describe('property: the check only ever refuses with an ExpressionError', () => {
  // Pieces of patterns, whole and broken; no quote, so each pattern can be written as a literal.
  const tokens = [
    'a', 'b', '1', ' ', '-', '.', ',', '\\d', '\\w', '\\s', '\\S', '\\.', '\\+', '\\*', '\\(', '\\)', '\\[', '\\]',
    '\\1', '\\2', '\\k<g>', '\\k', '\\u0061', '\\u00', '\\x61', '\\x', '\\0', '\\07', '\\c', '\\cA', '\\b', '\\',
    '[a-z]', '[^*+]', '[(|)]', '[', '[^', ']', '(', '(?:', '(?=', '(?!', '(?<=', '(?<!', '(?<g>', '(?<', '(?', ')',
    '|', '*', '+', '?', '*?', '+?', '{2}', '{1,3}', '{2,}', '{0,1}', '{', '}', '{,2}', '^', '$', 'Ә',
  ];
  const soup = fc.array(fc.constantFrom(...tokens), { maxLength: 14 }).map((t) => t.join(''));
  // Balanced groups, quantified or not, with alternatives: these mostly compile.
  const atoms = ['a', 'b', ' ', '.', '\\d', '\\w', '\\.', '\\x61', '[a-z]', '[*+?]', '\\1'];
  const quantifiers = ['', '', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '*?'];
  const { pattern: structured } = fc.letrec<{ pattern: string; item: string }>((tie) => ({
    pattern: fc
      .array(fc.array(tie('item'), { minLength: 1, maxLength: 3 }).map((items) => items.join('')), { minLength: 1, maxLength: 2 })
      .map((branches) => branches.join('|')),
    item: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      fc.tuple(fc.constantFrom(...atoms), fc.constantFrom(...quantifiers)).map(([a, q]) => a + q),
      fc
        .tuple(fc.constantFrom('(', '(?:', '(?='), tie('pattern'), fc.constantFrom(...quantifiers))
        .map(([open, body, q]) => `${open}${body})${q}`),
    ),
  }));
  const pattern = fc.oneof(soup, structured);
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', '-', '.', '+', '*', '(', ')'), maxLength: 12 });

  /** What regex() says, or the ExpressionError it refuses with; anything else thrown fails. */
  function outcome(run: () => unknown): unknown {
    try {
      return run();
    } catch (err) {
      if (err instanceof ExpressionError) return err;
      throw err;
    }
  }

  it('random patterns are refused with an ExpressionError or compile and run', () => {
    fc.assert(
      fc.property(pattern, text, (p, value) => {
        const parsed = outcome(() => parseExpression(`regex(., '${p}')`));
        const computed = outcome(() =>
          evaluate(parseExpression('regex(., ${p})'), answersContext({ p }, TODAY, value)),
        );
        if (parsed instanceof ExpressionError) {
          expect(parsed.code).toBe('expression');
          expect(parsed.position).toBe(9);
          // The same pattern computed from an answer gets the same refusal.
          expect(computed).toBeInstanceOf(ExpressionError);
          expect((computed as ExpressionError).reason).toBe(parsed.reason);
          return;
        }
        const expected = new RegExp(p).test(value);
        expect(evaluate(parsed as ReturnType<typeof parseExpression>, answersContext({}, TODAY, value))).toBe(expected);
        expect(computed).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  // Built to be dangerous: a repeated group around a variable repetition, with safe text around it.
  const atom = fc.constantFrom('a', '\\d', '\\w', '[a-z]', '.', ' ', '\\.', '(?:ab)', '[^,]');
  const inner = fc.constantFrom('*', '+', '?', '{2,}', '{1,3}', '{0,2}', '*?', '+?', '??');
  const outer = fc.constantFrom('*', '+', '{2,}', '{1,5}', '{3}', '{2}', '+?', '*?');
  const open = fc.constantFrom('(', '(?:', '(?<g>');
  const safe = fc.array(fc.constantFrom('^', 'a', 'b', '\\d', '[0-9]', '-', ' ', '(?:xy)'), { maxLength: 3 }).map((t) => t.join(''));

  it('a repeated group around a repetition is always refused', () => {
    fc.assert(
      fc.property(
        fc.tuple(safe, open, safe, atom, inner, safe, outer, safe),
        ([before, o, head, a, q, tail, r, after]) => {
          const group = `${o}${head}${a}${q}${tail})${r}`;
          const p = `${before}${group}${after}`;
          const err = parseError(`regex(., '${p}')`);
          expect(err.reason).toMatch(/^regex pattern has a repeated group that contains (a repetition|an optional part) \(catastrophic backtracking\): /);
          expect(err.position).toBe(9);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
