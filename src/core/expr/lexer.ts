/**
 * The lexer: source text -> tokens, one at a time, so the first error met left to right is the one
 * reported. It refuses, with the offset of the offending character:
 * unterminated strings, `${` without a valid name and `}`, numbers that XPath does not write
 * (`1e5`, `1.2.3`), `//` and stray characters (with a hint for the usual suspects).
 *
 * The text it reads has had its curly quotes made straight (parseExpression does that, as pyxform
 * does); `source`, the text as written, is what its errors quote.
 */
import { ExpressionError } from './error';

export type Punct = '(' | ')' | ',' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '[' | ']' | '|';

export type Token =
  | { t: 'number'; value: number; pos: number }
  | { t: 'string'; value: string; pos: number }
  | { t: 'ref'; name: string; pos: number }
  | { t: 'self'; pos: number }
  /** `..` */
  | { t: 'parent'; pos: number }
  /** A bare name: a function name, or one of the operators and, or, div, mod. */
  | { t: 'name'; name: string; pos: number }
  | { t: 'punct'; op: Punct; pos: number }
  | { t: 'end'; pos: number };

export interface Lexer {
  peek(): Token;
  next(): Token;
}

/** Item names, as in the instrument format (instrument/types.ts, Item.name). */
export const ITEM_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNameChar = (c: string) => isNameStart(c) || isDigit(c) || c === '.' || c === '-';
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

export function createLexer(text: string, source: string = text): Lexer {
  let i = 0;
  let ahead: Token | null = null;
  const fail = (reason: string, at: number): never => {
    throw new ExpressionError(reason, at, source);
  };
  const at = (k: number) => text.charAt(k);

  function scan(): Token {
    while (isSpace(at(i))) i++;
    const pos = i;
    if (i >= text.length) return { t: 'end', pos };
    const c = at(i);
    if (isDigit(c) || (c === '.' && isDigit(at(i + 1)))) return scanNumber(pos);
    if (c === '.') {
      if (at(i + 1) === '.') {
        i += 2;
        return { t: 'parent', pos };
      }
      i++;
      return { t: 'self', pos };
    }
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) fail('unterminated string', pos);
      i = close + 1;
      return { t: 'string', value: text.slice(pos + 1, close), pos };
    }
    if (c === '/' && at(i + 1) === '/') fail("'//' (any descendant) is not supported: write the path step by step, or ${name}", pos);
    if (c === '$') return scanRef(pos);
    if (isNameStart(c)) return scanName(pos);
    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      i += 2;
      return { t: 'punct', op: two, pos };
    }
    if ('(),=<>+-*/[]|'.includes(c)) {
      i++;
      return { t: 'punct', op: c as Punct, pos };
    }
    return fail(strayCharacter(text.codePointAt(i) ?? 0), pos);
  }

  /** Reads on over letters and points too, so `1e5` and `1.2.3` are refused whole. */
  function scanNumber(pos: number): Token {
    while (isDigit(at(i)) || isNameStart(at(i)) || at(i) === '.') {
      i++;
      if ((at(i - 1) === 'e' || at(i - 1) === 'E') && (at(i) === '+' || at(i) === '-')) i++;
    }
    const written = text.slice(pos, i);
    if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(written)) fail(`invalid number '${written}'`, pos);
    const value = Number(written);
    if (!Number.isFinite(value)) fail(`number too large '${clip(written)}'`, pos);
    return { t: 'number', value, pos };
  }

  function scanRef(pos: number): Token {
    if (at(pos + 1) !== '{') fail("expected '{' after '$'", pos + 1);
    const start = pos + 2;
    i = start;
    while (isNameChar(at(i))) i++;
    const name = text.slice(start, i);
    if (name === '') fail("expected an item name after '${'", start);
    if (!ITEM_NAME.test(name)) fail(`invalid item name '${name}'`, start);
    if (at(i) !== '}') fail("expected '}'", i);
    i++;
    return { t: 'ref', name, pos };
  }

  /** Names may carry one prefix (`jr:choice-name`), so that an unknown function is named whole. */
  function scanName(pos: number): Token {
    while (isNameChar(at(i))) i++;
    if (at(i) === ':' && isNameStart(at(i + 1))) {
      i++;
      while (isNameChar(at(i))) i++;
    }
    return { t: 'name', name: text.slice(pos, i), pos };
  }

  return {
    peek() {
      ahead ??= scan();
      return ahead;
    },
    next() {
      const token = ahead ?? scan();
      ahead = null;
      return token;
    },
  };
}

function clip(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}...` : text;
}

function strayCharacter(code: number): string {
  const c = String.fromCodePoint(code);
  const shown = code >= 0x21 && code <= 0x7e ? `'${c}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c === '!') return "unexpected '!': use != or not()";
  if (c === '@') return "unexpected '@': attributes are not supported";
  if (c === '{' || c === '}') return `unexpected ${shown}: a reference is written \${name}`;
  return `unexpected character ${shown}`;
}
