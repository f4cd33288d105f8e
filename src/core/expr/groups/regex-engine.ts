/**
 * A regular-expression engine that cannot backtrack: patterns are compiled to a Thompson NFA and run
 * as a Pike VM (the technique of RE2 and Go's regexp), so a search costs at most (instructions + 1)
 * x (characters + 1) steps, whatever the pattern. `a*a*a*a*a*a*a*a*a*a*a*a*b` on 10,000 `a`s is a
 * few hundred thousand steps; JavaScript's own RegExp takes seconds on it.
 *
 * The syntax is JavaScript's (as with the `u` flag: text is read by code point), less what needs
 * backtracking:
 * - characters and escapes: `\t \n \r \f \v \0 \xHH \uHHHH \u{H...}`, any escaped punctuation (`\.`),
 *   `.` (any character but a line break);
 * - classes: `[a-z]`, `[^...]`, `\d \D \w \W \s \S`, Unicode properties `\p{L}`, `\P{Lu}`,
 *   `\p{Script=Cyrillic}` (as JavaScript names them; a script also as RE2 and Java name it,
 *   `\p{Cyrillic}`, `\p{IsCyrillic}`);
 * - anchors `^` and `$` (the whole text's start and end), word boundaries `\b \B`;
 * - groups `( )`, `(?: )`, `(?<name> )`, alternatives `|`, quantifiers `* + ? {n} {n,} {n,m}`,
 *   lazy or not (a boolean search does not care which match is found);
 * - `(?i)` at the very start: the whole pattern ignores case (as Java, which ODK Collect uses, writes it);
 *   Java's `{n}+` on an exact count (the same as `{n}`).
 * Refused, with a message: backreferences (`\1`, `\k<name>`), lookahead and lookbehind, possessive
 * quantifiers, and patterns whose program, repetitions counted out, exceeds MAX_PROGRAM instructions.
 *
 * This module knows nothing of expressions: ./regex.ts turns its RegexSyntaxError into an
 * ExpressionError with a position.
 */

export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the pattern. */
    readonly at: number,
  ) {
    super(message);
    this.name = 'RegexSyntaxError';
  }
}

/** Instructions a compiled pattern may have (RE2 caps a repetition count at 1,000 the same way). */
export const MAX_PROGRAM = 2000;
const MAX_COUNT = 1000;

type CharTest = (c: number) => boolean;

type Node =
  /** `code`: the one code point it matches, when it is a plain character (a fast path). */
  | { t: 'char'; test: CharTest; code?: number }
  | { t: 'assert'; kind: 'bol' | 'eol' | 'word' | 'notword' }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'repeat'; node: Node; min: number; max: number };

type Inst =
  | { op: 'char'; test: CharTest; code?: number }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'assert'; kind: 'bol' | 'eol' | 'word' | 'notword' }
  | { op: 'match' };

/** A compiled pattern: its instructions, and the same as flat arrays for the search's inner loop. */
export interface Program {
  readonly insts: readonly Inst[];
  /** OP_* of each instruction. */
  readonly op: Int8Array;
  /** Jump and split targets; an assertion's kind (ASSERTS index). */
  readonly x: Int32Array;
  readonly y: Int32Array;
  /** A character instruction's one code point, or -1 when it tests a class. */
  readonly lit: Int32Array;
  readonly tests: readonly (CharTest | null)[];
}

const OP_CHAR = 0;
const OP_SPLIT = 1;
const OP_JMP = 2;
const OP_ASSERT = 3;
const OP_MATCH = 4;
const ASSERTS = ['bol', 'eol', 'word', 'notword'] as const;

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const SPACES = new Set([9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);
const isSpace = (c: number) => SPACES.has(c) || (c >= 0x2000 && c <= 0x200a);
const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** A code point in lower and upper case, for (?i). */
function caseVariants(c: number): number[] {
  const s = String.fromCodePoint(c);
  const out = [c];
  for (const v of [s.toLowerCase(), s.toUpperCase()]) {
    const cp = v.codePointAt(0)!;
    if ([...v].length === 1 && !out.includes(cp)) out.push(cp);
  }
  return out;
}

/** A test for one character of Unicode property `name` (as JavaScript names them), or null. */
function unicodeProperty(name: string): RegExp | null {
  try {
    return new RegExp(`^\\p{${name}}$`, 'u');
  } catch {
    return null;
  }
}

function parse(pattern: string): { node: Node; ignoreCase: boolean } {
  const chars = [...pattern];
  // Offsets in UTF-16 units, for messages, by code point index.
  const offsets: number[] = [];
  let unit = 0;
  for (const ch of chars) {
    offsets.push(unit);
    unit += ch.length;
  }
  offsets.push(unit);
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new RegexSyntaxError(message, offsets[Math.min(at, chars.length)]!);
  };
  const peek = () => chars[i];

  let ignoreCase = false;
  if (pattern.startsWith('(?i)')) {
    ignoreCase = true;
    i = 4;
  }
  const withCase = (test: CharTest): CharTest => (ignoreCase ? (c) => caseVariants(c).some(test) : test);

  function alternation(): Node {
    const items = [sequence()];
    while (peek() === '|') {
      i++;
      items.push(sequence());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  function sequence(): Node {
    const items: Node[] = [];
    while (i < chars.length && peek() !== '|' && peek() !== ')') {
      const start = i;
      const atom = term();
      items.push(quantified(atom, start));
    }
    return { t: 'cat', items };
  }

  function quantified(atom: Node, start: number): Node {
    let node = atom;
    for (;;) {
      const c = peek();
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const braces = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(i, i + 16).join(''));
        if (!braces) return node; // a `{` that is not a count is a plain character, as in JavaScript
        min = Number(braces[1]);
        max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
        if (max < min) fail('numbers out of order in {n,m}');
        if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) fail(`a count above ${MAX_COUNT} in {n,m}`);
        i += braces[0].length - 1;
      } else return node;
      if (node.t === 'assert') fail('nothing to repeat', start);
      if (node !== atom) {
        // Java's possessive `{n}+` on an exact count is the same as `{n}`; other possessives are not.
        if (c === '+' && node.t === 'repeat' && node.min === node.max && chars[i - 1] === '}') {
          i++;
          continue;
        }
        fail('a quantifier cannot follow a quantifier (possessive quantifiers are not supported)');
      }
      i++;
      if (peek() === '?') i++; // lazy: the same for a yes/no search
      node = { t: 'repeat', node, min, max };
    }
  }

  function term(): Node {
    const at = i;
    const c = chars[i++]!;
    switch (c) {
      case '^':
        return { t: 'assert', kind: 'bol' };
      case '$':
        return { t: 'assert', kind: 'eol' };
      case '.':
        return { t: 'char', test: (x) => !isLineBreak(x) };
      case '(':
        return group(at);
      case '[': {
        const { test, negate } = charClass();
        const cased = withCase(test);
        return { t: 'char', test: negate ? (x) => !cased(x) : cased };
      }
      case '\\':
        return escape(false) as Node;
      case '*':
      case '+':
      case '?':
        return fail('nothing to repeat', at);
      case ')':
        return fail("unmatched ')'", at);
      default: {
        const cp = c.codePointAt(0)!;
        return ignoreCase ? { t: 'char', test: withCase((x) => x === cp) } : { t: 'char', test: (x) => x === cp, code: cp };
      }
    }
  }

  function group(at: number): Node {
    if (peek() === '?') {
      const next = chars.slice(i, i + 3).join('');
      if (next.startsWith('?:')) i += 2;
      else if (/^\?<[A-Za-z_$]/.test(next)) {
        const close = chars.indexOf('>', i);
        if (close < 0) fail('unterminated group name');
        i = close + 1;
      } else if (/^\?<?[=!]/.test(next)) fail('lookahead and lookbehind are not supported', at);
      else if (next.startsWith('?i')) fail("(?i) is supported only at the start of the pattern", at);
      else fail('invalid group', at);
    }
    const inner = alternation();
    if (peek() !== ')') fail("missing ')'", at);
    i++;
    return inner;
  }

  /** After `[`: the class up to its `]`, as the test of its members and whether it is negated. */
  function charClass(): { test: CharTest; negate: boolean } {
    const negate = peek() === '^';
    if (negate) i++;
    const tests: CharTest[] = [];
    while (peek() !== ']') {
      if (i >= chars.length) fail("missing ']'");
      const lo = classAtom();
      if (peek() === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
        i++;
        const hi = classAtom();
        if (typeof lo !== 'number' || typeof hi !== 'number') fail('a range cannot start or end with a class like \\d');
        if ((hi as number) < (lo as number)) fail('range out of order in character class');
        const [a, b] = [lo as number, hi as number];
        tests.push((x) => x >= a && x <= b);
      } else if (typeof lo === 'number') {
        tests.push((x) => x === lo);
      } else tests.push(lo);
    }
    i++;
    return { test: (x) => tests.some((t) => t(x)), negate };
  }

  /** One member of a class: a code point, or a test for `\d`, `\p{L}`... */
  function classAtom(): number | CharTest {
    const c = chars[i++]!;
    if (c !== '\\') return c.codePointAt(0)!;
    const e = escape(true);
    return typeof e === 'number' ? e : e.t === 'char' ? e.test : fail('an assertion cannot be in a class');
  }

  function hex(count: number): number {
    const digits = chars.slice(i, i + count).join('');
    if (digits.length !== count || !/^[0-9A-Fa-f]+$/.test(digits)) fail('invalid escape: expected hexadecimal digits');
    i += count;
    return parseInt(digits, 16);
  }

  /** After `\`: in a class, a code point or a test; outside, a node. */
  function escape(inClass: boolean): Node | number {
    const at = i - 1;
    const c = chars[i++];
    const char = (cp: number): Node | number =>
      inClass ? cp : ignoreCase ? { t: 'char', test: withCase((x) => x === cp) } : { t: 'char', test: (x) => x === cp, code: cp };
    const cls = (test: CharTest): Node => ({ t: 'char', test });
    switch (c) {
      case undefined:
        return fail('\\ at the end of the pattern', at);
      case 'd':
        return cls(isDigit);
      case 'D':
        return cls((x) => !isDigit(x));
      case 'w':
        return cls(isWordChar);
      case 'W':
        return cls((x) => !isWordChar(x));
      case 's':
        return cls(isSpace);
      case 'S':
        return cls((x) => !isSpace(x));
      case 'b':
        return inClass ? 8 : { t: 'assert', kind: 'word' };
      case 'B':
        return inClass ? fail('\\B cannot be in a class', at) : { t: 'assert', kind: 'notword' };
      case 't':
        return char(9);
      case 'n':
        return char(10);
      case 'r':
        return char(13);
      case 'f':
        return char(12);
      case 'v':
        return char(11);
      case '0':
        if (isDigit(chars[i]?.codePointAt(0) ?? 0)) return fail('backreferences are not supported', at);
        return char(0);
      case 'x':
        return char(hex(2));
      case 'u': {
        if (peek() === '{') {
          const close = chars.indexOf('}', i);
          if (close < 0) fail('invalid \\u{...} escape', at);
          const digits = chars.slice(i + 1, close).join('');
          const cp = /^[0-9A-Fa-f]{1,6}$/.test(digits) ? parseInt(digits, 16) : NaN;
          if (!(cp <= 0x10ffff)) fail('invalid \\u{...} escape', at);
          i = close + 1;
          return char(cp);
        }
        return char(hex(4));
      }
      case 'p':
      case 'P': {
        const close = chars.indexOf('}', i);
        const name = peek() === '{' && close > 0 ? chars.slice(i + 1, close).join('') : '';
        if (!/^[A-Za-z_]+(=[A-Za-z_]+)?$/.test(name)) fail(`invalid Unicode property escape \\${c}{...}`, at);
        // JavaScript's names, then RE2's and Java's ways of naming a script: \p{Cyrillic}, \p{IsCyrillic}.
        const bare = name.replace(/^Is/, '');
        const property = [name, bare, `Script=${bare}`].map(unicodeProperty).find((r) => r !== null);
        if (!property) return fail(`unknown Unicode property '${name}'`, at);
        i = close + 1;
        const test: CharTest = (x) => property.test(String.fromCodePoint(x));
        return cls(c === 'p' ? test : (x) => !test(x));
      }
      case 'k':
        return fail('backreferences are not supported', at);
      default: {
        if (/[1-9]/.test(c)) return fail('backreferences are not supported', at);
        if (/[A-Za-z0-9]/.test(c)) return fail(`unknown escape \\${c}`, at);
        return char(c.codePointAt(0)!);
      }
    }
  }

  const node = alternation();
  if (i < chars.length) fail("unmatched ')'");
  return { node, ignoreCase };
}

function compileNode(node: Node, out: Inst[]): void {
  if (out.length > MAX_PROGRAM) throw new RegexSyntaxError(`pattern too large: more than ${MAX_PROGRAM} steps once its repetitions are counted out`, 0);
  switch (node.t) {
    case 'char':
      out.push(node.code === undefined ? { op: 'char', test: node.test } : { op: 'char', test: node.test, code: node.code });
      return;
    case 'assert':
      out.push({ op: 'assert', kind: node.kind });
      return;
    case 'cat':
      node.items.forEach((n) => compileNode(n, out));
      return;
    case 'alt': {
      // split L1, next; L1: a; jmp end; next: split L2, ... ; last: z; end:
      const jumps: Inst[] = [];
      node.items.forEach((item, k) => {
        if (k < node.items.length - 1) {
          const split = { op: 'split', x: out.length + 1, y: 0 } as Extract<Inst, { op: 'split' }>;
          out.push(split);
          compileNode(item, out);
          const jmp = { op: 'jmp', x: 0 } as Extract<Inst, { op: 'jmp' }>;
          out.push(jmp);
          jumps.push(jmp);
          split.y = out.length;
        } else compileNode(item, out);
      });
      for (const j of jumps) (j as { x: number }).x = out.length;
      return;
    }
    case 'repeat': {
      for (let k = 0; k < node.min; k++) compileNode(node.node, out);
      if (node.max === Infinity) {
        // L: split body, end; body; jmp L; end:
        const split = { op: 'split', x: out.length + 1, y: 0 } as Extract<Inst, { op: 'split' }>;
        const loop = out.length;
        out.push(split);
        compileNode(node.node, out);
        out.push({ op: 'jmp', x: loop });
        split.y = out.length;
        return;
      }
      // (x(x(x)?)?)? for the optional copies
      const splits: Extract<Inst, { op: 'split' }>[] = [];
      for (let k = node.min; k < node.max; k++) {
        const split = { op: 'split', x: out.length + 1, y: 0 } as Extract<Inst, { op: 'split' }>;
        out.push(split);
        splits.push(split);
        compileNode(node.node, out);
      }
      for (const s of splits) s.y = out.length;
      return;
    }
  }
}

/** Compiles `pattern`; throws a RegexSyntaxError (with the offset) when it cannot. */
export function compileRegex(pattern: string): Program {
  const { node } = parse(pattern);
  const insts: Inst[] = [];
  compileNode(node, insts);
  insts.push({ op: 'match' });
  if (insts.length > MAX_PROGRAM) throw new RegexSyntaxError(`pattern too large: more than ${MAX_PROGRAM} steps once its repetitions are counted out`, 0);
  const n = insts.length;
  const op = new Int8Array(n);
  const x = new Int32Array(n);
  const y = new Int32Array(n);
  const lit = new Int32Array(n).fill(-1);
  const tests: (CharTest | null)[] = [];
  insts.forEach((inst, pc) => {
    tests.push(inst.op === 'char' ? inst.test : null);
    switch (inst.op) {
      case 'char':
        op[pc] = OP_CHAR;
        if (inst.code !== undefined) lit[pc] = inst.code;
        break;
      case 'split':
        op[pc] = OP_SPLIT;
        x[pc] = inst.x;
        y[pc] = inst.y;
        break;
      case 'jmp':
        op[pc] = OP_JMP;
        x[pc] = inst.x;
        break;
      case 'assert':
        op[pc] = OP_ASSERT;
        x[pc] = ASSERTS.indexOf(inst.kind);
        break;
      case 'match':
        op[pc] = OP_MATCH;
        break;
    }
  });
  return { insts, op, x, y, lit, tests };
}

/** The code points of `text` (a lone surrogate is its own). */
function codePointsOf(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let m = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out[m++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    out[m++] = c;
  }
  return out.subarray(0, m);
}

/**
 * Is the pattern found anywhere in `text`? Also returns the number of steps taken (one per
 * instruction a thread reaches, one per thread per character), which is never more than
 * 2 x (instructions) x (characters + 1): each instruction is reached at most once per position.
 */
export function searchWithSteps(program: Program, text: string): { found: boolean; steps: number } {
  const { op, x, y, lit, tests } = program;
  const n = op.length;
  const codes = codePointsOf(text);
  const length = codes.length;
  let steps = 0;
  // Threads (program counters) waiting for the character at the current and the next position.
  let current = new Int32Array(n);
  let next = new Int32Array(n);
  let currentSize = 0;
  let nextSize = 0;
  // The position that last reached each instruction: an instruction is followed once per position.
  const mark = new Int32Array(n).fill(-1);
  const stack = new Int32Array(2 * n + 2);

  /** Follows pc through jumps, splits and assertions at position `at`; true on a match. */
  const add = (list: Int32Array, size: number, start: number, at: number): number => {
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const pc = stack[--top]!;
      if (mark[pc] === at) continue;
      mark[pc] = at;
      steps++;
      switch (op[pc]) {
        case OP_CHAR:
          list[size++] = pc;
          break;
        case OP_SPLIT:
          stack[top++] = y[pc]!;
          stack[top++] = x[pc]!;
          break;
        case OP_JMP:
          stack[top++] = x[pc]!;
          break;
        case OP_ASSERT: {
          const kind = x[pc]!;
          let holds: boolean;
          if (kind === 0) holds = at === 0;
          else if (kind === 1) holds = at === length;
          else {
            const before = at > 0 && isWordChar(codes[at - 1]!);
            const after = at < length && isWordChar(codes[at]!);
            holds = (before !== after) === (kind === 2);
          }
          if (holds) stack[top++] = pc + 1;
          break;
        }
        default:
          return -1; // OP_MATCH
      }
    }
    return size;
  };

  for (let at = 0; at <= length; at++) {
    // A new attempt starts at every position (the search is not anchored).
    currentSize = add(current, currentSize, 0, at);
    if (currentSize < 0) return { found: true, steps };
    if (at === length) break;
    const c = codes[at]!;
    nextSize = 0;
    for (let k = 0; k < currentSize; k++) {
      const pc = current[k]!;
      steps++;
      const code = lit[pc]!;
      if (code >= 0 ? c === code : tests[pc]!(c)) {
        nextSize = add(next, nextSize, pc + 1, at + 1);
        if (nextSize < 0) return { found: true, steps };
      }
    }
    [current, next] = [next, current];
    currentSize = nextSize;
  }
  return { found: false, steps };
}

export function search(program: Program, text: string): boolean {
  return searchWithSteps(program, text).found;
}

