/**
 * parseExpression: text -> Expr, by recursive descent over XPath 1.0's precedence:
 *
 *   or      := and ('or' and)*
 *   and     := equal ('and' equal)*
 *   equal   := compare (('=' | '!=') compare)*
 *   compare := sum (('<' | '<=' | '>' | '>=') sum)*
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | 'div' | 'mod') unary)*
 *   unary   := '-' unary | primary
 *   primary := number | string | '${' name '}' | '.' | '(' or ')' | function '(' (or (',' or)*)? ')'
 *            | name   (a choice's attribute: in a choice filter only)
 *
 * Binary operators associate to the left. Every refusal is an ExpressionError with the offset of
 * the first offending character; nothing else is thrown. Literal regex() patterns are compiled (and
 * checked for catastrophic backtracking) here, so a broken or unsafe pattern is reported when the
 * form is loaded, not when the question is answered.
 */
import type { BinaryOp, Expr } from './ast';
import { ExpressionError } from './error';
import { FUNCTIONS, arityText } from './functions';
import { createLexer, ITEM_NAME, type Token } from './lexer';
import { LIMITS } from './limits';
import { compilePattern } from './regex';

const LEVELS: readonly (readonly BinaryOp[])[] = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];
const WORD_OPS: ReadonlySet<string> = new Set(['or', 'and', 'div', 'mod']);

export interface ParseOptions {
  /**
   * A choice filter: a bare name (`state`, not `${state}`) reads an attribute of the choice being
   * filtered, as in XLSForm's `choice_filter` (`state = ${state}`). Elsewhere a bare name is an error.
   */
  choiceAttributes?: boolean;
}

export function parseExpression(source: string, options: ParseOptions = {}): Expr {
  if (typeof source !== 'string') throw new ExpressionError('an expression must be text', 0, '');
  if (source.length > LIMITS.sourceLength) {
    throw new ExpressionError(`expression longer than ${LIMITS.sourceLength} characters`, LIMITS.sourceLength, source);
  }
  const lexer = createLexer(source);
  const fail = (reason: string, at: number): never => {
    throw new ExpressionError(reason, at, source);
  };
  if (lexer.peek().t === 'end') fail('empty expression', lexer.peek().pos);

  /** The binary operator `token` is, if it is one of `ops`. */
  function operatorOf(token: Token, ops: readonly BinaryOp[]): BinaryOp | undefined {
    const text = token.t === 'punct' ? token.op : token.t === 'name' && WORD_OPS.has(token.name) ? token.name : '';
    return ops.find((op) => op === text);
  }

  function binary(level: number, depth: number): Expr {
    const ops = LEVELS[level];
    if (!ops) return unary(depth);
    let left = binary(level + 1, depth);
    for (let op = operatorOf(lexer.peek(), ops); op; op = operatorOf(lexer.peek(), ops)) {
      const pos = lexer.next().pos;
      const right = binary(level + 1, depth);
      left = { kind: 'binary', op, left, right, pos };
    }
    return left;
  }

  function deeper(depth: number, at: number): number {
    if (depth >= LIMITS.depth) fail(`expression nested deeper than ${LIMITS.depth} levels`, at);
    return depth + 1;
  }

  function unary(depth: number): Expr {
    const token = lexer.peek();
    if (token.t === 'punct' && token.op === '-') {
      lexer.next();
      return { kind: 'negate', operand: unary(deeper(depth, token.pos)), pos: token.pos };
    }
    return primary(depth);
  }

  function primary(depth: number): Expr {
    const token = lexer.next();
    switch (token.t) {
      case 'number':
        return { kind: 'number', value: token.value, pos: token.pos };
      case 'string':
        return { kind: 'string', value: token.value, pos: token.pos };
      case 'ref':
        return { kind: 'ref', name: token.name, pos: token.pos };
      case 'self':
        return { kind: 'self', pos: token.pos };
      case 'name':
        return call(token.name, token.pos, depth);
      case 'punct':
        if (token.op === '(') {
          const inner = binary(0, deeper(depth, token.pos));
          expect(')');
          return inner;
        }
        return fail(`expected a value, found '${token.op}'`, token.pos);
      case 'end':
        return fail('expected a value, found the end of the expression', token.pos);
    }
  }

  function call(name: string, pos: number, depth: number): Expr {
    const open = lexer.peek();
    if (!(open.t === 'punct' && open.op === '(')) {
      if (WORD_OPS.has(name)) return fail(`expected a value, found '${name}'`, pos);
      // An attribute is named like an item (no prefix such as `jr:`).
      if (options.choiceAttributes && ITEM_NAME.test(name)) return { kind: 'attr', name, pos };
      return fail(
        options.choiceAttributes
          ? `unexpected name '${name}': a choice's attribute is a plain column name, an item's answer is \${name}`
          : `unexpected name '${name}' (write \${${name}} to use an item's answer)`,
        pos,
      );
    }
    const def = FUNCTIONS.get(name);
    if (!def) return fail(`unknown function '${name}'`, pos);
    const inner = deeper(depth, pos);
    lexer.next();
    const args: Expr[] = [];
    if (!isPunct(lexer.peek(), ')')) {
      args.push(binary(0, inner));
      while (isPunct(lexer.peek(), ',')) {
        lexer.next();
        args.push(binary(0, inner));
      }
    }
    expect(')');
    if (args.length < def.min || args.length > def.max) {
      fail(`${name}() ${arityText(def)}, not ${args.length}`, pos);
    }
    const pattern = args[1];
    if (name === 'regex' && pattern?.kind === 'string') compilePattern(pattern.value, pattern.pos, source);
    return { kind: 'call', name, args, pos };
  }

  function expect(op: ')'): void {
    const token = lexer.next();
    if (!isPunct(token, op)) fail(`expected '${op}', found ${describe(token)}`, token.pos);
  }

  const tree = binary(0, 0);
  const rest = lexer.peek();
  if (rest.t !== 'end') fail(`unexpected ${describe(rest)} after a complete expression`, rest.pos);
  return tree;
}

function isPunct(token: Token, op: string): boolean {
  return token.t === 'punct' && token.op === op;
}

function describe(token: Token): string {
  switch (token.t) {
    case 'number':
      return `number ${token.value}`;
    case 'string':
      return 'a string';
    case 'ref':
      return `\${${token.name}}`;
    case 'self':
      return "'.'";
    case 'name':
      return `'${token.name}'`;
    case 'punct':
      return `'${token.op}'`;
    case 'end':
      return 'the end of the expression';
  }
}
