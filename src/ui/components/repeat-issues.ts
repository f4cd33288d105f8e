/**
 * The issues inside repeats on a screen (instrument format version 3): each question's in every
 * instance (by answer key) and each repeat's own (too few instances, by its list key). Small and
 * pure: the section screen reads it on the first page, before the repeats' screen code is loaded.
 */
import { answerKey, type InstancePath } from '../../core/responses/answer-key';
import type { FormState } from '../../core/responses/form-state';
import type { FormNode } from '../../core/responses/repeat-instances';

/** The keys of every relevant issue under `nodes` in instance `path`, in the order of the screen. */
export function issueKeys(form: FormState, nodes: readonly FormNode[], path: InstancePath, out: string[] = []): string[] {
  for (const node of nodes) {
    if (node.kind === 'item') {
      const key = answerKey(node.item.name, path);
      const st = form.items.get(key);
      if (st?.relevant && st.issue) out.push(key);
      continue;
    }
    const listKey = answerKey(node.repeat.name, path);
    const rs = form.repeats.get(listKey);
    if (!rs?.relevant) continue;
    if (rs.issue) out.push(listKey);
    for (const inst of rs.instances) issueKeys(form, node.children, inst.path, out);
  }
  return out;
}

/** Whether a repeat node asks any of `names` (the respondent's screens list items by name). */
export function asksAny(node: FormNode, names: ReadonlySet<string>): boolean {
  return node.kind === 'item' ? names.has(node.item.name) : node.children.some((c) => asksAny(c, names));
}

/**
 * A repeat's label as a heading, without the `${name}`s its instances fill in ("Member: ${name}" is
 * "Member"); its name when nothing else is left.
 */
export function repeatHeading(label: string, name: string): string {
  if (!label.includes('${')) return label || name;
  return label.replace(/\$\{[^}]*\}/g, '').replace(/[\s:,;.–—-]+$/u, '').replace(/^[\s:,;.–—-]+/u, '').trim() || name;
}
