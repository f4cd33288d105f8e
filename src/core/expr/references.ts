/**
 * references: the item names an expression reads through `${name}` (or a path to an item, such as
 * `/data/age` or `current()/../age`), each once, in order of first appearance. `.` is not a reference
 * (it is the item's own answer). Used to check that every referenced item exists and to order
 * calculations after what they read. A repeat's own name can be among them where the language
 * reads a repeat: count(${members}), position(${members}), indexed-repeat()'s repeats.
 */
import type { Expr } from './ast';

export function references(expr: Expr): string[] {
  return namesOf(expr, 'ref');
}

/** The choice attributes a choice filter reads (bare names), each once, in order of first appearance. */
export function attributeReferences(expr: Expr): string[] {
  return namesOf(expr, 'attr');
}

/** The external data an expression reads: instance('id') paths and pulldata('id', ...) with a literal id. */
export function instanceReferences(expr: Expr): string[] {
  return namesOf(expr, 'instance');
}

function namesOf(expr: Expr, kind: 'ref' | 'attr' | 'instance'): string[] {
  const names = new Set<string>();
  const visit = (node: Expr): void => {
    switch (node.kind) {
      case 'ref':
      case 'attr':
        if (node.kind === kind) names.add(node.name);
        return;
      case 'instance':
        if (kind === 'instance') names.add(node.id);
        node.filters.forEach(visit);
        return;
      case 'negate':
        visit(node.operand);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      case 'call': {
        const id = node.args[0];
        if (kind === 'instance' && node.name === 'pulldata' && id?.kind === 'string') names.add(id.value);
        node.args.forEach(visit);
        return;
      }
      default:
        return;
    }
  };
  visit(expr);
  return [...names];
}
