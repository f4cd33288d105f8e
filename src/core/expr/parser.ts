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
 *            | path | 'null'
 *            | name   (a choice's attribute in a choice filter; a row's column in an instance filter)
 *   path    := '/' name ('/' name)+ | ('..' | '.' | 'current()') ('/' ('..' | '.' | name))*
 *            | name ('/' name)+ | "instance('id')" '/' name '/' name ('[' or ']')* ('/' name)?
 *
 * A path that leads to an item is read as `${name}` of its last step (`/data/group/age`,
 * `../age`, `current()/../age`); `..` alone is kept for position(..). Binary operators associate to
 * the left. Every refusal is an ExpressionError with the offset of the first offending character;
 * nothing else is thrown. Function names and their numbers of arguments come from ./catalog.ts, so
 * every function is known here whether its group is loaded or not. Arguments written as literals
 * (a regex() pattern, a format-date() format, a digest() algorithm) are checked by their group's
 * module, when `ParseOptions.functions` has it: the XLSForm importer and the instrument validator
 * parse with every group, so a broken one is reported when the form is loaded, not when the question
 * is answered.
 *
 * Curly quotes are read as straight quotes (‘ ’ as ', “ ” as "), everywhere in the text, as pyxform
 * does with every cell of an XLSForm.
 */
import type { BinaryOp, Expr } from './ast';
import { arityAllows, arityText, CATALOG, REFUSED_FUNCTIONS } from './catalog';
import { ExpressionError } from './error';
import { createLexer, ITEM_NAME, type Token } from './lexer';
import type { FunctionLibrary } from './library';
import { LIMITS } from './limits';

const LEVELS: readonly (readonly BinaryOp[])[] = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];
const WORD_OPS: ReadonlySet<string> = new Set(['or', 'and', 'div', 'mod']);
/** Functions whose first argument must be a node-set: an item's answers or an instance path. */
const NODE_SET_FIRST: ReadonlySet<string> = new Set(['count', 'count-non-empty', 'sum', 'randomize']);

export interface ParseOptions {
  /**
   * A choice filter: a bare name (`state`, not `${state}`) reads an attribute of the choice being
   * filtered, as in XLSForm's `choice_filter` (`state = ${state}`). Elsewhere a bare name is an error.
   */
  choiceAttributes?: boolean;
  /**
   * The functions whose literal arguments are checked now (./library.ts): those of the groups it
   * has. Without it, only the parser's own checks run (names, numbers of arguments, node-sets,
   * paths); the groups' checks then run when the expression is parsed again with them loaded
   * (`prepareInstrument` does), or the evaluation refuses the argument.
   */
  functions?: FunctionLibrary;
}

/** Where a bare name is read: an error, a choice's attribute, or a column of an instance row. */
type Mode = 'plain' | 'choice' | 'filter';

/** Curly quotes as pyxform reads them. One UTF-16 unit each way, so offsets are kept. */
function straightenQuotes(source: string): string {
  return source.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

export function parseExpression(source: string, options: ParseOptions = {}): Expr {
  if (typeof source !== 'string') throw new ExpressionError('an expression must be text', 0, '');
  if (source.length > LIMITS.sourceLength) {
    throw new ExpressionError(`expression longer than ${LIMITS.sourceLength} characters`, LIMITS.sourceLength, source);
  }
  const lexer = createLexer(straightenQuotes(source), source);
  const fail = (reason: string, at: number): never => {
    throw new ExpressionError(reason, at, source);
  };
  if (lexer.peek().t === 'end') fail('empty expression', lexer.peek().pos);
  const topMode: Mode = options.choiceAttributes ? 'choice' : 'plain';

  /** The binary operator `token` is, if it is one of `ops`. */
  function operatorOf(token: Token, ops: readonly BinaryOp[]): BinaryOp | undefined {
    const text = token.t === 'punct' ? token.op : token.t === 'name' && WORD_OPS.has(token.name) ? token.name : '';
    return ops.find((op) => op === text);
  }

  function binary(level: number, depth: number, mode: Mode): Expr {
    const ops = LEVELS[level];
    if (!ops) return unary(depth, mode);
    let left = binary(level + 1, depth, mode);
    for (let op = operatorOf(lexer.peek(), ops); op; op = operatorOf(lexer.peek(), ops)) {
      const pos = lexer.next().pos;
      const right = binary(level + 1, depth, mode);
      left = { kind: 'binary', op, left, right, pos };
    }
    return left;
  }

  function deeper(depth: number, at: number): number {
    if (depth >= LIMITS.depth) fail(`expression nested deeper than ${LIMITS.depth} levels`, at);
    return depth + 1;
  }

  function unary(depth: number, mode: Mode): Expr {
    const token = lexer.peek();
    if (token.t === 'punct' && token.op === '-') {
      lexer.next();
      return { kind: 'negate', operand: unary(deeper(depth, token.pos), mode), pos: token.pos };
    }
    const value = primary(depth, mode);
    const after = lexer.peek();
    if (isPunct(after, '|')) fail("'|' (a union of node-sets) is not supported", after.pos);
    if (isPunct(after, '[')) fail("a filter [...] is supported only on an instance('...') path", after.pos);
    if (isPunct(after, '/')) {
      fail("unexpected '/': divide with div (a path step '/' follows only a name, '.', '..', current() or instance())", after.pos);
    }
    return value;
  }

  function primary(depth: number, mode: Mode): Expr {
    const token = lexer.next();
    switch (token.t) {
      case 'number':
        return { kind: 'number', value: token.value, pos: token.pos };
      case 'string':
        return { kind: 'string', value: token.value, pos: token.pos };
      case 'ref':
        return { kind: 'ref', name: token.name, pos: token.pos };
      case 'self':
        if (mode !== 'filter') return relativePath(0, token.pos, mode);
        if (isPunct(lexer.peek(), '/')) fail("'./' in a filter is not supported: a column is written by its name", token.pos);
        return { kind: 'row', pos: token.pos };
      case 'parent':
        return relativePath(1, token.pos, mode);
      case 'name':
        return named(token.name, token.pos, depth, mode);
      case 'punct':
        if (token.op === '(') {
          const inner = binary(0, deeper(depth, token.pos), mode);
          expect(')');
          return inner;
        }
        if (token.op === '/') return absolutePath(token.pos);
        return fail(`expected a value, found '${token.op}'`, token.pos);
      case 'end':
        return fail('expected a value, found the end of the expression', token.pos);
    }
  }

  /** The name of a path step, or a refusal at it. */
  function stepName(what: string): { name: string; pos: number } {
    const token = lexer.next();
    if (token.t === 'name' && ITEM_NAME.test(token.name)) return { name: token.name, pos: token.pos };
    return fail(`expected ${what} after '/', found ${describe(token)}`, token.pos);
  }

  /** `/data/group/name`: the item `name`. */
  function absolutePath(pos: number): Expr {
    const next = lexer.peek();
    if (next.t !== 'name') fail("'/' alone (the document's root) is not supported", pos);
    const steps = [stepName('a name')];
    while (isPunct(lexer.peek(), '/')) {
      lexer.next();
      steps.push(stepName('a name'));
    }
    if (steps.length < 2) fail(`'/${steps[0]!.name}' is the form itself, not an item: write /${steps[0]!.name}/name or \${name}`, pos);
    return { kind: 'ref', name: steps[steps.length - 1]!.name, pos };
  }

  /**
   * After `.` (levels 0), `..` (1) or `current()` (0): `/..`, `/.` and `/name` steps. A path that
   * ends in a name is that item; one that ends in `..` is a parent (for position()); `.` is self.
   */
  function relativePath(levels: number, pos: number, mode: Mode): Expr {
    if (mode === 'filter' && levels > 0) fail("'..' inside a filter is not supported: write current()/../name or ${name}", pos);
    let up = levels;
    let name: string | null = null;
    while (isPunct(lexer.peek(), '/')) {
      const slash = lexer.next();
      const step = lexer.peek();
      if (step.t === 'parent' && name === null) {
        lexer.next();
        up++;
      } else if (step.t === 'parent') {
        fail("'..' after a name in a path is not supported", step.pos);
      } else if (step.t === 'self') {
        lexer.next();
      } else if (step.t === 'name') {
        name = stepName('a name').name;
      } else {
        fail(`expected a name, '.' or '..' after '/', found ${describe(step)}`, step.t === 'end' ? slash.pos + 1 : step.pos);
      }
    }
    if (name !== null) return { kind: 'ref', name, pos };
    if (up > 0) return { kind: 'parent', levels: up, pos };
    return { kind: 'self', pos };
  }

  /** A name at the start of a primary: a function call, `null`, a path, an attribute or a column. */
  function named(name: string, pos: number, depth: number, mode: Mode): Expr {
    const next = lexer.peek();
    if (isPunct(next, '(')) return call(name, pos, depth, mode);
    if (WORD_OPS.has(name)) return fail(`expected a value, found '${name}'`, pos);
    if (isPunct(next, '/')) {
      if (mode !== 'plain' || !ITEM_NAME.test(name)) fail(`a relative path ('${name}/...') is not supported here: write \${name}`, pos);
      let last = name;
      while (isPunct(lexer.peek(), '/')) {
        lexer.next();
        const step = lexer.peek();
        if (step.t === 'parent' || step.t === 'self') fail("'.' and '..' in the middle of a path are not supported", step.pos);
        last = stepName('a name').name;
      }
      return { kind: 'ref', name: last, pos };
    }
    if (name === 'null') return { kind: 'string', value: '', pos };
    // An attribute or a column is named like an item (no prefix such as `jr:`).
    if (mode === 'choice' && ITEM_NAME.test(name)) return { kind: 'attr', name, pos };
    if (mode === 'filter' && ITEM_NAME.test(name)) return { kind: 'column', name, pos };
    return fail(
      mode === 'choice'
        ? `unexpected name '${name}': a choice's attribute is a plain column name, an item's answer is \${name}`
        : mode === 'filter'
          ? `unexpected name '${name}': a column of the data is a plain name, an item's answer is \${name}`
          : `unexpected name '${name}' (write \${${name}} to use an item's answer)`,
      pos,
    );
  }

  function call(name: string, pos: number, depth: number, mode: Mode): Expr {
    const def = CATALOG.get(name);
    if (!def) {
      const refused = REFUSED_FUNCTIONS.get(name);
      return fail(refused ? `${name}() is not supported: ${refused}` : `unknown function '${name}'`, pos);
    }
    const inner = deeper(depth, pos);
    lexer.next();
    const args: Expr[] = [];
    if (!isPunct(lexer.peek(), ')')) {
      args.push(binary(0, inner, mode));
      while (isPunct(lexer.peek(), ',')) {
        lexer.next();
        args.push(binary(0, inner, mode));
      }
    }
    expect(')');
    if (!arityAllows(def, args.length)) fail(`${name}() ${arityText(def)}, not ${args.length}`, pos);
    checkArguments(name, args, pos, mode);
    options.functions?.functions.get(name)?.check?.(args, { name, pos }, source);
    if (name === 'current') return relativePath(0, pos, mode === 'filter' ? 'plain' : mode);
    if (name === 'instance') return instancePath(args[0]!, pos, depth);
    return { kind: 'call', name, args, pos };
  }

  /** What a function needs of its arguments that the grammar alone does not say. */
  function checkArguments(name: string, args: Expr[], pos: number, mode: Mode): void {
    const first = args[0];
    if (NODE_SET_FIRST.has(name) && first && !isNodeSetExpr(first)) {
      fail(`${name}() reads the answers of an item: write ${name}(\${name}) or an instance('...') path`, first.pos);
    }
    switch (name) {
      case 'position':
      case 'last':
        if (args.length === 0 && mode !== 'filter') {
          fail(`${name}() without an argument is supported only in a filter [...]; in a repeat write position(..)`, pos);
        }
        if (first && first.kind !== 'parent' && first.kind !== 'ref') fail('position() takes .., ../.. or ${repeat}', first.pos);
        return;
      case 'indexed-repeat':
        args.forEach((a, i) => {
          if ((i === 0 || i % 2 === 1) && a.kind !== 'ref') {
            fail(`indexed-repeat() argument ${i + 1} must be \${name} (${i === 0 ? 'the item' : 'a repeat'})`, a.pos);
          }
        });
        return;
      case 'instance':
        if (first?.kind !== 'string') fail("instance() takes the data's name in quotes: instance('name')", first?.pos ?? pos);
        return;
      default:
        return;
    }
  }

  /** After `instance('id')`: `/root/item`, filters on item, and an optional `/field`. */
  function instancePath(idArg: Expr, pos: number, depth: number): Expr {
    const id = idArg.kind === 'string' ? idArg.value : '';
    const shape = `instance('${id}')/root/item[...]/field`;
    if (!isPunct(lexer.peek(), '/')) fail(`instance('${id}') is read through a path: ${shape}`, lexer.peek().pos);
    lexer.next();
    const root = stepName('a name').name;
    if (!isPunct(lexer.peek(), '/')) fail(`an instance path names its rows: ${shape}`, lexer.peek().pos);
    lexer.next();
    const item = stepName('a name').name;
    const filters: Expr[] = [];
    while (isPunct(lexer.peek(), '[')) {
      const open = lexer.next();
      filters.push(binary(0, deeper(depth, open.pos), 'filter'));
      expect(']');
    }
    let field: string | null = null;
    if (isPunct(lexer.peek(), '/')) {
      lexer.next();
      field = stepName('a column name').name;
      const more = lexer.peek();
      if (isPunct(more, '/') || isPunct(more, '[')) fail(`an instance path ends at a column: ${shape}`, more.pos);
    }
    return { kind: 'instance', id, root, item, filters, field, pos };
  }

  function expect(op: ')' | ']'): void {
    const token = lexer.next();
    if (!isPunct(token, op)) fail(`expected '${op}', found ${describe(token)}`, token.pos);
  }

  const tree = binary(0, 0, topMode);
  const rest = lexer.peek();
  if (rest.t !== 'end') fail(`unexpected ${describe(rest)} after a complete expression`, rest.pos);
  const misplaced = misplacedParent(tree);
  if (misplaced) fail("'..' alone is supported only in position(..): write ../name or ${name} for an item", misplaced.pos);
  return tree;
}

/** The first `..` (a parent node) that is not position()'s argument, from the left. */
function misplacedParent(e: Expr): Expr | null {
  switch (e.kind) {
    case 'parent':
      return e;
    case 'negate':
      return misplacedParent(e.operand);
    case 'binary':
      return misplacedParent(e.left) ?? misplacedParent(e.right);
    case 'call':
      for (const [i, a] of e.args.entries()) {
        const found = e.name === 'position' && i === 0 && a.kind === 'parent' ? null : misplacedParent(a);
        if (found) return found;
      }
      return null;
    case 'instance':
      for (const f of e.filters) {
        const found = misplacedParent(f);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

/** An expression whose value is a node-set: an item's answers, an instance path, randomize(). */
function isNodeSetExpr(e: Expr): boolean {
  return e.kind === 'ref' || e.kind === 'instance' || (e.kind === 'call' && e.name === 'randomize');
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
    case 'parent':
      return "'..'";
    case 'name':
      return `'${token.name}'`;
    case 'punct':
      return `'${token.op}'`;
    case 'end':
      return 'the end of the expression';
  }
}
