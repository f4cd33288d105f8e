/**
 * The expression language (docs/expressions.md): relevance, constraints, calculations and
 * choice filters, in the XPath subset XLSForm writes. This file only re-exports.
 */
export type { EvalContext } from './api';
export type { BinaryOp, Expr, Value } from './ast';
export { ExpressionError } from './error';
export { LIMITS } from './limits';
export { parseExpression, type ParseOptions } from './parser';
export { evaluate, evaluateBoolean, evaluateValue } from './evaluate';
export { attributeReferences, instanceReferences, references } from './references';
export { answersContext } from './context';
export { FUNCTIONS, REFUSED_FUNCTIONS, type Args, type FunctionDef, type Row } from './functions';
export { toBoolean, toNumber, toText } from './values';
