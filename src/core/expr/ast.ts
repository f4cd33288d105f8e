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
  | { kind: 'string'; value: string; pos: number }
  /** `${name}`: the answer of item `name`. */
  | { kind: 'ref'; name: string; pos: number }
  /** `.`: the answer being checked (EvalContext.self). */
  | { kind: 'self'; pos: number }
  /**
   * A bare name, in a choice filter only (`ParseOptions.choiceAttributes`): that attribute of the
   * choice being filtered (`name` is its code), through EvalContext.choice.
   */
  | { kind: 'attr'; name: string; pos: number }
  /** Unary minus. */
  | { kind: 'negate'; operand: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  /** A call of a function of the table in ./functions.ts (the parser accepts no other name). */
  | { kind: 'call'; name: string; args: Expr[]; pos: number };

/** What an expression evaluates to: XPath's string, number and boolean, and a multiple choice. */
export type Value = string | number | boolean | string[];
