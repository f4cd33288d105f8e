import { describe, expect, it } from 'vitest';
import { DalaError } from '../../../src/core/errors';
import { ExpressionError, parseExpression } from '../../../src/core/expr/index';
import { parseError } from './helpers';

/**
 * Each row: the source, the 0-based offset the error must point at, and what its reason says.
 * The XLSForm importer shows these to a researcher, so the position has to be the right one.
 */
const cases: [source: string, position: number, reason: string][] = [
  ['', 0, 'empty expression'],
  ['   ', 3, 'empty expression'],
  ["${q1} = 'yes", 8, 'unterminated string'],
  ['${q1} = "yes', 8, 'unterminated string'],
  ["foo(${q1}, 'E')", 0, "unknown function 'foo'"],
  ["${a} and bar('x')", 9, "unknown function 'bar'"],
  ['jr:choice-name(${q1}, "${q1}")', 0, "unknown function 'jr:choice-name'"],
  ['once(today())', 0, "unknown function 'once'"],
  ["selected(${q1}, 'E'", 19, "expected ')', found the end of the expression"],
  ['(1 + 2', 6, "expected ')'"],
  ['(1 + 2))', 7, "unexpected ')' after a complete expression"],
  [')', 0, "expected a value, found ')'"],
  ['1 +', 3, 'expected a value, found the end of the expression'],
  ['1 + * 2', 4, "expected a value, found '*'"],
  ['and 1', 0, "expected a value, found 'and'"],
  ['${a} = 1 ${b}', 9, 'unexpected ${b} after a complete expression'],
  ['1 2', 2, 'unexpected number 2'],
  ["${a} = 'x' garbage", 11, "unexpected 'garbage'"],
  ['${q1', 4, "expected '}'"],
  ['${q1 = 1', 4, "expected '}'"],
  ['${}', 2, "expected an item name after '${'"],
  ['${ q1 }', 2, "expected an item name after '${'"],
  ['${1q} = 1', 2, "invalid item name '1q'"],
  ['${q 1}', 3, "expected '}'"],
  ['$q1', 1, "expected '{' after '$'"],
  ['q1 = 1', 0, "unexpected name 'q1' (write ${q1}"],
  ['1e999', 0, "invalid number '1e999'"],
  ['1e-5', 0, "invalid number '1e-5'"],
  ['1.2.3', 0, "invalid number '1.2.3'"],
  ['2abc', 0, "invalid number '2abc'"],
  ['9'.repeat(400), 0, 'number too large'],
  ['..', 0, "'..' (parent step) is not supported"],
  ['. = ..', 4, "'..' (parent step) is not supported"],
  ['1 # 2', 2, "unexpected character '#'"],
  ['/data/q1 = 1', 0, 'paths are not supported'],
  ['${a} ! 1', 5, "use != or not()"],
  ['{q1} = 1', 0, 'a reference is written ${name}'],
  ['${a} = ‘yes’', 7, 'curly quote (U+2018)'],
  ['1\u00a0+ 1', 1, 'unexpected character U+00A0'],
  ['1 | 2', 2, "unexpected character '|'"],
  ['${a}[1]', 4, "unexpected character '['"],
  ['not()', 0, 'not() takes 1 argument, not 0'],
  ['not(1, 2)', 0, 'not() takes 1 argument, not 2'],
  ['today(1)', 0, 'today() takes no arguments, not 1'],
  ['round(1, 2, 3)', 0, 'round() takes 1 or 2 arguments, not 3'],
  ['if(1, 2)', 0, 'if() takes 3 arguments, not 2'],
  ['not(1,)', 6, "expected a value, found ')'"],
  ['not(,1)', 4, "expected a value, found ','"],
  ["regex(., '[a-')", 9, "invalid regex pattern '[a-'"],
  ["regex(., '(')", 9, 'invalid regex pattern'],
];

describe('parse errors say what and where', () => {
  it.each(cases)('%j is refused at offset %i: %s', (source, position, reason) => {
    const err = parseError(source);
    expect(err).toBeInstanceOf(ExpressionError);
    expect(err).toBeInstanceOf(DalaError);
    expect(err.code).toBe('expression');
    expect(err.name).toBe('ExpressionError');
    expect(err.source).toBe(source);
    expect(err.position).toBe(position);
    expect(err.reason).toContain(reason);
    expect(err.message).toBe(`${err.reason} at position ${position + 1}`);
  });

  it('the first error from the left is the one reported', () => {
    expect(parseError('foo(#)').reason).toBe("unknown function 'foo'");
    expect(parseError("'a' # 'b").position).toBe(4);
  });

  it('what XLSForm writes parses', () => {
    const fine = [
      "${q1} = 'yes'",
      '${q1} != ""',
      "selected(${q2}, 'other')",
      'not(selected(${q2}, "none"))',
      ". >= 0 and . <= 120",
      'string-length(.) <= 200',
      "regex(., '^[A-Z]{2}-[0-9]{3}$')",
      '${a} + ${b}-${c}',
      '${x.y-z_1} = .5',
      '5.',
      "if(count-selected(${m}) > 0, concat('n=', count-selected(${m})), '')",
      '\t${a}\r\n=\n1 ',
    ];
    for (const source of fine) expect(() => parseExpression(source), source).not.toThrow();
  });
});
