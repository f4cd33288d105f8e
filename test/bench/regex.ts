/**
 * regex() on a pattern that makes a backtracking engine stall (issue 14, item 6): Dala's engine
 * (src/core/expr/groups/regex-engine.ts) against JavaScript's own RegExp, on the same text.
 */
import { ALL_FUNCTIONS } from '../../src/core/expr/all-functions';
import { answersContext, evaluateBoolean, parseExpression } from '../../src/core/expr/index';
import { compileRegex, searchWithSteps } from '../../src/core/expr/groups/regex-engine';

const PATTERN = 'a*a*a*a*a*a*a*a*a*a*a*a*b';

function median(run: () => void, reps: number): number {
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    run();
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[reps >> 1]!;
}

export function regexFigures(length = 10_000, reps = 7) {
  const text = 'a'.repeat(length);
  const expr = parseExpression(`regex(., '${PATTERN}')`, { functions: ALL_FUNCTIONS });
  const ctx = answersContext({}, '2024-06-15', text);
  const first = (() => {
    const t0 = performance.now();
    evaluateBoolean(expr, ctx, ALL_FUNCTIONS);
    return performance.now() - t0;
  })();
  const warm = median(() => evaluateBoolean(expr, ctx, ALL_FUNCTIONS), reps);
  const program = compileRegex(PATTERN);
  const { steps } = searchWithSteps(program, text);
  // JavaScript's backtracking RegExp on 20 characters already (it grows as the 13th power of the length).
  const js = new RegExp(PATTERN);
  const jsShort = median(() => js.test('a'.repeat(20)), 1);
  return { length, first, warm, steps, bound: 2 * program.insts.length * (length + 1), jsShort };
}
