/**
 * Receipts (docs/bundle-format.md, "Receipts"): what the researcher's import says it received, so a
 * tablet removes only what is safely elsewhere.
 *
 * After an import the researcher's Dala writes a small receipt: which responses arrived, each at
 * which revision (its version vector). The tablet reads it back and counts a session as *received*
 * when a receipt covers a revision at least as new as its own (equal, or dominating it). A session
 * changed after its export is not covered until a newer export has been received. Only received
 * sessions may be removed from the tablet; nothing else is ever offered for removal.
 *
 * A receipt holds ids and counters only, no answers: it travels as plain JSON. It is untrusted input
 * like any file: `parseReceipt` checks it and says what is wrong.
 */
import * as v from 'valibot';
import { DalaError } from '../errors';
import { compareVv } from '../merge/version-vector';
import { RESERVED_NAMES } from '../instrument/schema';
import { describe, expected, isPlainObject, list, map, objectMessage, unsafeKey } from '../schema-kit';
import { DEVICE_ID_PATTERN, isIsoTime, UUID_PATTERN } from './schema';
import type { VersionVector } from './types';

export const RECEIPT_TYPE = 'dala-receipt';
export const RECEIPT_VERSION = 1;

/** The most responses one receipt lists (as many as one bundle may carry). */
export const RECEIPT_LIMIT = 200_000;

export interface ReceiptEntry {
  /** The response (session) id. */
  id: string;
  /** The revision that arrived. */
  vv: VersionVector;
}

export interface Receipt {
  type: typeof RECEIPT_TYPE;
  version: typeof RECEIPT_VERSION;
  /** A UUID naming this receipt. */
  receiptId: string;
  createdAt: string;
  /** The device that imported (the researcher's). */
  by: { id: string; label?: string };
  /** The files the import read, by name (for people; the check reads only `received`). */
  files: string[];
  received: ReceiptEntry[];
}

export function makeReceipt(args: { receiptId: string; createdAt: string; by: { id: string; label?: string }; files: string[]; received: ReceiptEntry[] }): Receipt {
  // One entry per id and revision, sorted: the same import gives the same receipt.
  const seen = new Map<string, ReceiptEntry>();
  for (const e of args.received) seen.set(`${e.id}\u0000${JSON.stringify(Object.entries(e.vv).sort())}`, { id: e.id, vv: { ...e.vv } });
  const received = [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const by = args.by.label === undefined ? { id: args.by.id } : { id: args.by.id, label: args.by.label };
  return { type: RECEIPT_TYPE, version: RECEIPT_VERSION, receiptId: args.receiptId, createdAt: args.createdAt, by, files: [...args.files], received };
}

/** The file name a receipt is offered under. */
export function receiptFileName(r: Receipt): string {
  const stamp = r.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `dala-receipt-${stamp}-${r.receiptId.slice(0, 8)}.json`;
}

const isoTime = v.pipe(v.string(expected('an ISO time')), v.maxLength(40), v.check(isIsoTime, (i) => `${describe(i.input)} is not an ISO time with a zone`));
const uuid = v.pipe(v.string(expected('a UUID')), v.regex(UUID_PATTERN, (i) => `${describe(i.input)} is not a UUID`), v.transform((s) => s.toLowerCase()));
const deviceId = v.pipe(
  v.string(expected('a device id')),
  v.maxLength(128),
  v.regex(DEVICE_ID_PATTERN, (i) => `${describe(i.input)} is not a device id`),
  v.check((s) => !RESERVED_NAMES.has(s), (i) => `${describe(i.input)} is reserved and cannot be a device id`),
);
const counter = v.pipe(v.number(expected('a count of writes')), v.check((n) => Number.isSafeInteger(n) && n >= 0, (i) => `expected a whole number >= 0, got ${describe(i.input)}`));
const receiptSchema = v.object(
  {
    type: v.literal(RECEIPT_TYPE),
    version: v.literal(RECEIPT_VERSION, (i) => `unknown receipt version ${describe(i.input)}; this Dala reads version ${RECEIPT_VERSION}`),
    receiptId: uuid,
    createdAt: isoTime,
    by: v.object({ id: deviceId, label: v.optional(v.pipe(v.string(), v.maxLength(1000))) }, objectMessage('a device')),
    files: list(v.pipe(v.string(expected('a file name')), v.maxLength(1000)), 10_000, 'file names'),
    received: list(v.object({ id: uuid, vv: map(deviceId, counter, 1000, 'write counts by device', 1) }, objectMessage('a received response')), RECEIPT_LIMIT, 'received responses'),
  },
  objectMessage('a receipt'),
);

/** Is this JSON meant to be a receipt (whatever else is wrong with it)? */
export function looksLikeReceipt(json: unknown): boolean {
  return isPlainObject(json) && json.type === RECEIPT_TYPE;
}

/** Untrusted JSON -> a Receipt. Throws DalaError('receipt') naming the file, the place and what is wrong. */
export function parseReceipt(json: unknown, file = 'receipt'): Receipt {
  if (!looksLikeReceipt(json)) throw new DalaError('receipt', `${file}: not a Dala receipt (its type is not "${RECEIPT_TYPE}")`);
  const unsafe = unsafeKey(json, 4);
  if (unsafe) throw new DalaError('receipt', `${file}: ${unsafe.slice(0, -1).join('.')}: the key '${unsafe[unsafe.length - 1]}' is not allowed`);
  const parsed = v.safeParse(receiptSchema, json, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = (issue.path ?? []).map((p) => String(p.key)).join('.');
    throw new DalaError('receipt', `${file}: ${where ? `${where}: ` : ''}${issue.message}`);
  }
  const r = parsed.output;
  return makeReceipt({ receiptId: r.receiptId, createdAt: r.createdAt, by: r.by.label === undefined ? { id: r.by.id } : { id: r.by.id, label: r.by.label }, files: r.files, received: r.received });
}

/** The revisions receipts cover, by response id, for `isReceived`. */
export function receivedIndex(receipts: readonly Pick<Receipt, 'received'>[]): ReadonlyMap<string, readonly VersionVector[]> {
  const out = new Map<string, VersionVector[]>();
  for (const r of receipts) {
    for (const e of r.received) {
      const list = out.get(e.id);
      if (list) list.push(e.vv);
      else out.set(e.id, [e.vv]);
    }
  }
  return out;
}

/** Has a revision at least as new as `vv` of response `id` been received? */
export function isReceived(index: ReadonlyMap<string, readonly VersionVector[]>, id: string, vv: VersionVector): boolean {
  const got = index.get(id);
  if (!got) return false;
  return got.some((r) => {
    const order = compareVv(r, vv);
    return order === 'equal' || order === 'after';
  });
}
