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
  ['jr:itext("x")', 0, "jr:itext() is not supported: labels are translated by the form's own languages"],
  ["item-at(' ', ${a}, 0)", 0, "item-at() is not supported: it is SurveyCTO's: ODK writes selected-at(answer, index)"],
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
  ['..', 0, "'..' alone is supported only in position(..)"],
  ['. = ..', 4, "'..' alone is supported only in position(..)"],
  ['not(../..)', 4, "'..' alone is supported only in position(..)"],
  ['1 # 2', 2, "unexpected character '#'"],
  ['/data = 1', 0, "'/data' is the form itself, not an item"],
  ['/ = 1', 0, "'/' alone (the document's root) is not supported"],
  ['//q1 = 1', 0, "'//' (any descendant) is not supported"],
  ['/data/1 = 1', 6, "expected a name after '/', found number 1"],
  ['${a}/b', 4, "unexpected '/': divide with div"],
  ['4 / 2', 2, "unexpected '/': divide with div"],
  ['../a/../b', 5, "'..' after a name in a path is not supported"],
  ['../a/', 5, "expected a name, '.' or '..' after '/', found the end of the expression"],
  ['@id', 0, "unexpected '@': attributes are not supported"],
  ['a/../b', 2, "'.' and '..' in the middle of a path are not supported"],
  ['${a} ! 1', 5, "use != or not()"],
  ['{q1} = 1', 0, 'a reference is written ${name}'],
  ['${a} = ‘yes', 7, 'unterminated string'],
  ["instance('c')", 13, "instance('c') is read through a path: instance('c')/root/item[...]/field"],
  ["instance(${a})/root/item", 9, "instance() takes the data's name in quotes"],
  ["instance('c')/root", 18, "an instance path names its rows"],
  ["instance('c')/root/item/name/x", 28, 'an instance path ends at a column'],
  ["instance('c')/root/item[../x = 1]/name", 24, "'..' inside a filter is not supported"],
  ["instance('c')/root/item[./x = 1]/name", 24, "'./' in a filter is not supported"],
  ["instance('c')/root/item[jr:x = 1]/name", 24, "unexpected name 'jr:x': a column of the data is a plain name"],
  ['position()', 0, 'position() without an argument is supported only in a filter'],
  ['last()', 0, 'last() without an argument is supported only in a filter'],
  ["position('x')", 9, 'position() takes .., ../.. or ${repeat}'],
  ['count(1)', 6, 'count() reads the answers of an item: write count(${name})'],
  ["sum('3')", 4, 'sum() reads the answers of an item'],
  ['indexed-repeat(${a}, 2, 1)', 21, 'indexed-repeat() argument 2 must be ${name} (a repeat)'],
  ['indexed-repeat(${a}, ${r}, 1, ${s})', 0, 'indexed-repeat() takes 3, 5 or 7 arguments'],
  ['weighted-checklist(1, 2, 3)', 0, 'weighted-checklist() takes an even number of arguments'],
  ["format-date(${d}, '%Y-%q')", 18, "unknown format-date() pattern '%q'"],
  ["format-date-time(${d}, '100%')", 23, "unknown format-date-time() pattern '%'"],
  ["digest(${a}, 'SHA-3')", 13, "digest() algorithm 'SHA-3' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"],
  ["digest(${a}, 'MD5', 'hexadecimal')", 13, "digest() encoding 'hexadecimal' is not hex or base64"],
  ["regex(., '(a)\\1')", 9, 'backreferences are not supported'],
  ["regex(., '(?=a)')", 9, 'lookahead and lookbehind are not supported'],
  ['1\u00a0+ 1', 1, 'unexpected character U+00A0'],
  ['${a} | ${b}', 5, "'|' (a union of node-sets) is not supported"],
  ['${a}[1]', 4, "a filter [...] is supported only on an instance('...') path"],
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
