/**
 * references: the item names an expression reads through `${name}`, each once, in order of first
 * appearance. `.` is not a reference (it is the item's own answer). Used to check that every
 * referenced item exists and to order calculations after what they read.
 */
import type { Expr } from './ast';

export function references(expr: Expr): string[] {
  return namesOf(expr, 'ref');
}

/** The choice attributes a choice filter reads (bare names), each once, in order of first appearance. */
export function attributeReferences(expr: Expr): string[] {
  return namesOf(expr, 'attr');
}

function namesOf(expr: Expr, kind: 'ref' | 'attr'): string[] {
  const names = new Set<string>();
  const visit = (node: Expr): void => {
    switch (node.kind) {
      case 'ref':
      case 'attr':
        if (node.kind === kind) names.add(node.name);
        return;
      case 'negate':
        visit(node.operand);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      case 'call':
        node.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(expr);
  return [...names];
}
