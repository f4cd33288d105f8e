/**
 * The expression language (docs/expressions.md): relevance, constraints, calculations and
 * choice filters, in the XPath subset XLSForm writes. This file only re-exports.
 *
 * Function groups other than 'basic' are loaded on demand (`loadFunctions`, ./library.ts); every
 * group at once, statically, is `ALL_FUNCTIONS` in ./all-functions.ts, which is deliberately not
 * re-exported here (the first page imports this file).
 */
export type { EvalContext } from './api';
export type { BinaryOp, Expr, Value } from './ast';
export { ExpressionError } from './error';
export { LIMITS } from './limits';
export { parseExpression, type ParseOptions } from './parser';
export { evaluate, evaluateBoolean, evaluateValue } from './evaluate';
export { attributeReferences, instanceReferences, references } from './references';
export { answersContext } from './context';
export { CATALOG, LAZY_GROUPS, REFUSED_FUNCTIONS, arityAllows, functionGroups, type FunctionGroup, type FunctionSpec, type LazyGroup } from './catalog';
export { BASIC_FUNCTIONS, loadFunctions, missingGroups, type FunctionLibrary } from './library';
export type { Args, FunctionDef, FunctionGroupModule, Row } from './functions';
export { toBoolean, toNumber, toText } from './values';
