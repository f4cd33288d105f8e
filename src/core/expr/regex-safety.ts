/**
 * A conservative static check against catastrophic backtracking in regex() patterns
 * (docs/expressions.md, "Limits"). Patterns come from forms and bundles we do not control, and
 * JavaScript's backtracking engine takes exponential time on patterns such as `^([a-z]+ ?)+$`.
 *
 * `unsafePatternReason` reads a pattern that already compiles (as JavaScript reads it without
 * flags, Annex B included) and refuses, left to right:
 *
 * - a backreference, `\1`..`\9` or `\k<name>`;
 * - a repeated group (a group quantified by `*`, `+`, `{n,}`, `{n,m}` with m > 1, or `{n}` with
 *   n > 1, lazy or not) whose body contains, at any depth, a quantifier of variable count: `*`, `+`,
 *   `?`, `{n,}` or `{n,m}` with n < m. An exact count such as `{3}` keeps the body's width fixed
 *   and is allowed. `?` is refused too: `^(a?a?)+$` is as slow as `^(a+)+$`;
 * - a repeated group that contains `|`, unless every alternative is one literal character
 *   (written plainly or escaped, `\.`, `\x41`, `\u0410`) and no two are the same character.
 *
 * Groups that are not repeated (`^(\+7|8)[0-9]{10}$`), quantifiers side by side (`^\S+@\S+\.\S+$`),
 * character classes (quantifier characters inside `[...]` are literal) and lookarounds are fine.
 * The check is deliberately simple: it refuses some patterns that would be fast, such as
 * `^[a-z]+( [a-z]+)*$`, rather than try to prove them safe. It never throws; its work and
 * recursion grow with the pattern, which compilePattern caps at LIMITS.patternLength characters.
 */

interface Quantifier {
  min: number;
  max: number;
}

type Atom =
  /** One character; `code` is its UTF-16 unit, or null for a class, `.` or `\d`-like escape. */
  | { kind: 'char'; code: number | null }
  | { kind: 'assertion' }
  | { kind: 'backreference' }
  | { kind: 'group'; alternatives: Term[][] };

interface Term {
  atom: Atom;
  quantifier: Quantifier | null;
  /** Where the term (atom and quantifier) is written in the pattern. */
  start: number;
  end: number;
}

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
const HEX = /^[0-9A-Fa-f]+$/;
const BRACES = /^\{(\d+)(,(\d*))?\}/;

/** The parts of `pattern`, as a tree of alternatives, terms and groups. */
function parsePattern(pattern: string): Term[][] {
  let i = 0;
  const n = pattern.length;

  function alternatives(): Term[][] {
    const branches: Term[][] = [sequence()];
    while (pattern[i] === '|') {
      i++;
      branches.push(sequence());
    }
    return branches;
  }

  function sequence(): Term[] {
    const terms: Term[] = [];
    while (i < n && pattern[i] !== '|' && pattern[i] !== ')') terms.push(term());
    return terms;
  }

  function term(): Term {
    const start = i;
    const atom = readAtom();
    const quantifier = readQuantifier();
    return { atom, quantifier, start, end: i };
  }

  function readAtom(): Atom {
    const c = pattern[i] as string;
    switch (c) {
      case '(':
        return group();
      case '[':
        skipClass();
        return { kind: 'char', code: null };
      case '\\':
        return escape();
      case '.':
        i++;
        return { kind: 'char', code: null };
      case '^':
      case '$':
        i++;
        return { kind: 'assertion' };
      default:
        // Anything else, including a stray `{`, `}` or `]`, is that character (Annex B).
        i++;
        return { kind: 'char', code: c.charCodeAt(0) };
    }
  }

  function group(): Atom {
    i++; // (
    if (pattern[i] === '?') {
      const next = pattern[i + 1];
      if (next === ':' || next === '=' || next === '!') {
        i += 2; // (?: (?= (?!
      } else if (next === '<' && (pattern[i + 2] === '=' || pattern[i + 2] === '!')) {
        i += 3; // (?<= (?<!
      } else {
        // (?<name> and modifiers such as (?i: end at their > or :
        const close = pattern.indexOf(next === '<' ? '>' : ':', i);
        i = close < 0 ? n : close + 1;
      }
    }
    const inner = alternatives();
    if (pattern[i] === ')') i++;
    return { kind: 'group', alternatives: inner };
  }

  /** Moves past `[...]`: inside it, `*`, `+`, `?`, `{`, `(` and `|` are plain characters. */
  function skipClass(): void {
    i++; // [
    while (i < n && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
    i++; // ]
  }

  function escape(): Atom {
    const c = pattern[i + 1];
    if (c === undefined) {
      i++;
      return { kind: 'char', code: 0x5c };
    }
    i += 2; // the backslash and c, unless a case below says otherwise
    if (CLASS_ESCAPES.has(c)) return { kind: 'char', code: null };
    if (c === 'b' || c === 'B') return { kind: 'assertion' };
    if (c >= '1' && c <= '9') {
      while (i < n && /[0-9]/.test(pattern[i] as string)) i++;
      return { kind: 'backreference' };
    }
    if (c === 'k' && pattern[i] === '<') {
      const close = pattern.indexOf('>', i);
      i = close < 0 ? n : close + 1;
      return { kind: 'backreference' };
    }
    if (c === '0') {
      // \0 is NUL; \0 followed by octal digits is a legacy octal escape of up to three digits.
      let digits = '0';
      while (digits.length < 3 && /[0-7]/.test(pattern[i] ?? '')) digits += pattern[i++];
      return { kind: 'char', code: parseInt(digits, 8) };
    }
    if (c === 'x' || c === 'u') {
      const hex = pattern.slice(i, i + (c === 'x' ? 2 : 4));
      if (hex.length === (c === 'x' ? 2 : 4) && HEX.test(hex)) {
        i += hex.length;
        return { kind: 'char', code: parseInt(hex, 16) };
      }
      return { kind: 'char', code: c.charCodeAt(0) };
    }
    if (c === 'c') {
      const letter = pattern[i];
      if (letter !== undefined && /[A-Za-z]/.test(letter)) {
        i++;
        return { kind: 'char', code: letter.charCodeAt(0) % 32 };
      }
      i--; // `\c` without a letter is a backslash, then a c
      return { kind: 'char', code: 0x5c };
    }
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return { kind: 'char', code: control };
    return { kind: 'char', code: c.charCodeAt(0) }; // \. \+ \/ \p ...: the character itself
  }

  function readQuantifier(): Quantifier | null {
    const c = pattern[i];
    let q: Quantifier | null = null;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) i++;
    else if (c === '{') {
      const m = BRACES.exec(pattern.slice(i));
      if (!m) return null;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      q = { min, max };
      i += m[0].length;
    } else return null;
    if (pattern[i] === '?') i++; // lazy
    return q;
  }

  const top: Term[][] = [];
  // A stray `)` cannot survive compilation; skipping it keeps this total on any text.
  for (;;) {
    top.push(...alternatives());
    if (i >= n) return top;
    i++;
  }
}

/** Are these alternatives single literal characters, all different? */
function distinctCharacters(alternatives: readonly Term[][]): boolean {
  const seen = new Set<number>();
  for (const branch of alternatives) {
    const only = branch[0];
    if (branch.length !== 1 || !only || only.quantifier || only.atom.kind !== 'char' || only.atom.code === null) {
      return false;
    }
    if (seen.has(only.atom.code)) return false;
    seen.add(only.atom.code);
  }
  return true;
}

/**
 * Why `pattern` is refused, as the start of an ExpressionError's reason, or null if it is allowed.
 * `pattern` should already compile; on text that does not, the answer is meaningless but still
 * a string or null.
 */
export function unsafePatternReason(pattern: string): string | null {
  const quote = (t: Term) => `'${pattern.slice(t.start, t.end)}'`;
  const repeats = (q: Quantifier | null) => q !== null && q.max > 1;

  function check(alternatives: readonly Term[][], repeated: Term | null): string | null {
    if (repeated && alternatives.length > 1 && !distinctCharacters(alternatives)) {
      return `regex pattern has a repeated group whose alternatives are not single different characters (catastrophic backtracking): ${quote(repeated)}`;
    }
    for (const branch of alternatives) {
      for (const t of branch) {
        if (t.atom.kind === 'backreference') {
          return `regex pattern has a backreference, which can make matching exponentially slow: ${quote(t)}`;
        }
        const q = t.quantifier;
        if (repeated && q && q.min !== q.max) {
          const what = q.max > 1 ? 'a repetition' : 'an optional part';
          return `regex pattern has a repeated group that contains ${what} (catastrophic backtracking): ${quote(repeated)}`;
        }
        if (t.atom.kind === 'group') {
          const reason = check(t.atom.alternatives, repeats(q) ? t : repeated);
          if (reason) return reason;
        }
      }
    }
    return null;
  }

  return check(parsePattern(pattern), null);
}
