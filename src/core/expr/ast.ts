/**
 * The syntax tree of an expression: plain JSON objects (no classes, no functions, finite numbers),
 * so a parsed expression can be cached, sent to a worker or printed as is.
 *
 * `pos` is the 0-based offset in the source of the token that makes the node: the literal, the
 * `${`, the `.`, the unary `-`, the binary operator, the function name.
 */

export type BinaryOp =
  | 'or'
  | 'and'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | 'div'
  | 'mod';

export type Expr =
  | { kind: 'number'; value: number; pos: number }
  /** A string literal; also the keyword `null` (the empty string). */
  | { kind: 'string'; value: string; pos: number }
  /**
   * `${name}`: the answer of item `name`. Paths that name an item are read the same way: `/data/group/name`,
   * `../name`, `current()/../name` (the last step is the item's name).
   */
  | { kind: 'ref'; name: string; pos: number }
  /** `.` (and `current()`): the answer being checked or calculated (EvalContext.self). */
  | { kind: 'self'; pos: number }
  /** `..`, `../..`: the group `levels` steps up; only as the argument of position(). */
  | { kind: 'parent'; levels: number; pos: number }
  /**
   * `instance('id')/root/item[filter]...[filter]/field`: the rows of external data `id`
   * (EvalContext.instance) that pass every filter, as a node-set of their `field` (of the whole row's
   * text when there is no field). `root` and `item` are the path's names as written.
   */
  | { kind: 'instance'; id: string; root: string; item: string; filters: Expr[]; field: string | null; pos: number }
  /** A bare name inside an instance filter: that column of the row being tested. */
  | { kind: 'column'; name: string; pos: number }
  /** `.` inside an instance filter: the row being tested (its text). */
  | { kind: 'row'; pos: number }
  /**
   * A bare name, in a choice filter only (`ParseOptions.choiceAttributes`): that attribute of the
   * choice being filtered (`name` is its code), through EvalContext.choice.
   */
  | { kind: 'attr'; name: string; pos: number }
  /** Unary minus. */
  | { kind: 'negate'; operand: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  /** A call of a function of ./catalog.ts (the parser accepts no other name). */
  | { kind: 'call'; name: string; args: Expr[]; pos: number };

/**
 * What an expression evaluates to: XPath's string, number and boolean, and a multiple choice. (Inside
 * the interpreter a node-set is a value too; evaluate() gives its first node's text.)
 */
export type Value = string | number | boolean | string[];
