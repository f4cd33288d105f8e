/**
 * Where an answer is kept: the key of a response's answers (docs/bundle-format.md, "Answer keys").
 *
 * - An item in no repeat: its name, as in every version (`age`).
 * - An item in a repeat: the path of its instance, then its name:
 *   `household[k3f9x2]/name`, `household[k3f9x2]/member[a81b0c]/age`.
 * - An instance of a free repeat (one a person adds) exists while its marker, the key of the
 *   instance itself (`household[k3f9x2]`), holds a number: its place in the order (instances are
 *   shown by that number, then by id). A removed instance's marker is null (its answers stay until
 *   the response is cleaned, so nothing is lost by a removal that another device did not see).
 *
 * An instance id is 1 to 64 characters of `A-Z a-z 0-9 _ - . ~ %`: a random id given by the app for a
 * free repeat, the instance's number for a counted one ("1", "2"), the choice's name for a loop,
 * with any other character written as %XX of its UTF-8 bytes. So two devices that each add an
 * instance to the same response add two keys, never one.
 */

export interface InstanceStep {
  repeat: string;
  id: string;
}

/** The instance an answer is in, outermost first; [] outside every repeat. */
export type InstancePath = readonly InstanceStep[];

export const INSTANCE_ID_PATTERN = /^[A-Za-z0-9_.~%-]{1,64}$/;
/** Characters of an answer key (a path of nested instances and an item name). */
export const MAX_ANSWER_KEY = 1024;

/** `household[k3f9]/member[a8]`: the key of an instance (its marker), or '' for the form itself. */
export function instanceKey(path: InstancePath): string {
  return path.map((s) => `${s.repeat}[${s.id}]`).join('/');
}

/** The key of item `item`'s answer in instance `path` (its name alone outside every repeat). */
export function answerKey(item: string, path: InstancePath): string {
  return path.length ? `${instanceKey(path)}/${item}` : item;
}

/** A loop's instance id from a choice's name: itself when it is a valid id, else percent-encoded. */
export function instanceIdOf(choiceName: string): string {
  // encodeURIComponent writes UTF-8 as %XX and leaves A-Z a-z 0-9 - _ . ! ~ * ' ( ); the last five are encoded too.
  const encoded = encodeURIComponent(choiceName).replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return encoded.slice(0, 64);
}

const STEP = /^([A-Za-z_][A-Za-z0-9_.-]*)\[([A-Za-z0-9_.~%-]{1,64})\]$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * An answer key read back: the instance path and the item name (`item` is '' for an instance's
 * marker), or null when the key is neither a name nor a path of instances.
 */
export function parseAnswerKey(key: string): { path: InstanceStep[]; item: string } | null {
  if (key.length > MAX_ANSWER_KEY) return null;
  if (!key.includes('[')) return NAME.test(key) ? { path: [], item: key } : null;
  const parts = key.split('/');
  const path: InstanceStep[] = [];
  for (let i = 0; i < parts.length; i++) {
    const m = STEP.exec(parts[i]!);
    if (m) {
      path.push({ repeat: m[1]!, id: m[2]! });
      continue;
    }
    if (i === parts.length - 1 && NAME.test(parts[i]!) && path.length) return { path, item: parts[i]! };
    return null;
  }
  return { path, item: '' };
}

/** Whether `key` is a valid answer key: an item name or an instance path (see the top of this file). */
export function isAnswerKey(key: string): boolean {
  return parseAnswerKey(key) !== null;
}

/** Whether `key` is a marker: the key of an instance itself. */
export function isInstanceMarker(key: string): boolean {
  return key.endsWith(']') && parseAnswerKey(key)?.item === '';
}
