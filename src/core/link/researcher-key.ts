/**
 * The researcher's key as it travels to a tablet: pasted, or scanned from a QR code
 * (docs/links.md, "The researcher's key"). Two forms are read:
 *
 *   age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq     a bare age X25519 recipient
 *   DALA-KEY-1 age1qyqszqgp...3290gq                                   Dala's form, version 1
 *   DALA-KEY-1 age1qyqszqgp...3290gq sig=...                           a later field (issue 14)
 *
 * Dala's form is the prefix, then fields separated by spaces: exactly one age recipient, and any
 * number of `name=value` fields that a later Dala may add (a signing key). Fields this version does
 * not know are kept in `fields`, not used. A key is untrusted input: every refusal has a `reason`
 * the UI translates and an English `message`; nothing here throws.
 */
import { decodeBech32 } from './bech32';

export const KEY_PREFIX = 'DALA-KEY-1';
/** Most characters read: a key is about 80; room for a few fields. */
export const MAX_KEY_TEXT = 4096;
const MAX_FIELDS = 16;
const FIELD = /^([a-z][a-z0-9-]{0,31})=([A-Za-z0-9._~+/=:-]{1,1024})$/;

export interface ResearcherKey {
  /** The age X25519 recipient (age1..., lowercase) bundles are encrypted to. */
  recipient: string;
  /** `name=value` fields of Dala's form, as read (none in a bare recipient). */
  fields: Record<string, string>;
}

export type KeyFailure =
  | 'empty' // nothing but whitespace
  | 'too-long' // above MAX_KEY_TEXT
  | 'not-a-key' // neither an age recipient nor Dala's form
  | 'version' // DALA-KEY-2 or later: from a newer Dala
  | 'post-quantum' // age1pq1...: age 1.1 and this Dala do not read those
  | 'checksum' // an age recipient with a wrong checksum or character: mistyped or misread
  | 'recipients' // Dala's form without exactly one age recipient
  | 'field'; // Dala's form with a part that is neither a recipient nor name=value, or twice the same name

export type ParsedKey = { ok: true; key: ResearcherKey } | { ok: false; reason: KeyFailure; message: string };

const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** The text a QR code of the key carries, and what "copy" could give: Dala's form. */
export function formatResearcherKey(key: ResearcherKey): string {
  return [KEY_PREFIX, key.recipient, ...Object.entries(key.fields).map(([k, v]) => `${k}=${v}`)].join(' ');
}

/** One age X25519 recipient, checked to its checksum: the recipient in lowercase, or why not. */
export function checkRecipient(token: string): { ok: true; recipient: string } | { ok: false; reason: KeyFailure; message: string } {
  // Bech32 is read in one case only: all lowercase, or all capitals (as a QR code's alphanumeric mode has it).
  const text = token === token.toUpperCase() ? token.toLowerCase() : token;
  if (text.startsWith('age1pq1')) {
    return { ok: false, reason: 'post-quantum', message: `'${clip(token)}' is a post-quantum age key; Dala encrypts to X25519 recipients (age1 and 58 characters, as age-keygen and Dala make them)` };
  }
  const decoded = decodeBech32(text);
  if (decoded.ok && decoded.hrp === 'age' && decoded.bytes.length === 32) return { ok: true, recipient: text };
  if (!decoded.ok && decoded.problem === 'checksum' && text.length === 62) {
    return { ok: false, reason: 'checksum', message: `'${clip(token)}' is not a valid age recipient: its checksum does not match, so a character was mistyped or misread. Copy or scan the key again` };
  }
  return { ok: false, reason: text.startsWith('age1') ? 'checksum' : 'not-a-key', message: `'${clip(token)}' is not an age recipient (age1 and 58 characters, as the researcher's key shows it)` };
}

/** A pasted or scanned key, bare or in Dala's form. Never throws. */
export function parseResearcherKey(input: string): ParsedKey {
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-key', message: 'not a text' };
  if (input.length > MAX_KEY_TEXT) return { ok: false, reason: 'too-long', message: `this text has ${input.length} characters; a researcher's key has about 80` };
  const tokens = input.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, reason: 'empty', message: 'there is no key here' };
  const head = tokens[0]!;
  const version = /^DALA-KEY-(\d{1,6})$/i.exec(head);
  if (!version) {
    if (tokens.length > 1) return { ok: false, reason: 'not-a-key', message: `this is not one researcher's key: it has ${tokens.length} parts` };
    const r = checkRecipient(head);
    return r.ok ? { ok: true, key: { recipient: r.recipient, fields: {} } } : r;
  }
  if (version[1] !== '1') {
    return { ok: false, reason: 'version', message: `this key is in a form this version of Dala does not read (${clip(head)}); update Dala on this device` };
  }
  const recipients: string[] = [];
  const fields: Record<string, string> = {};
  for (const token of tokens.slice(1)) {
    const field = FIELD.exec(token);
    if (field) {
      const [, name, value] = field;
      if (Object.hasOwn(fields, name!)) return { ok: false, reason: 'field', message: `the field '${name}' is given twice` };
      if (Object.keys(fields).length >= MAX_FIELDS) return { ok: false, reason: 'field', message: `more than ${MAX_FIELDS} fields` };
      fields[name!] = value!;
      continue;
    }
    if (/^age1/i.test(token)) {
      const r = checkRecipient(token);
      if (!r.ok) return r;
      recipients.push(r.recipient);
      continue;
    }
    return { ok: false, reason: 'field', message: `'${clip(token)}' is neither an age recipient nor a name=value field` };
  }
  if (recipients.length !== 1) {
    return { ok: false, reason: 'recipients', message: `a researcher's key holds one age recipient; this one holds ${recipients.length}` };
  }
  return { ok: true, key: { recipient: recipients[0]!, fields } };
}

export type ParsedRecipients =
  | { ok: true; recipients: string[] }
  | { ok: false; line: number; reason: KeyFailure; message: string };

/**
 * The recipients list of a study as typed or pasted: one key per line (bare or Dala's form), bare
 * recipients may also share a line. Duplicates are dropped; the first bad key is named with its line.
 */
export function parseRecipientList(text: string): ParsedRecipients {
  if (text.length > MAX_KEY_TEXT * 16) return { ok: false, line: 1, reason: 'too-long', message: 'too much text for a list of keys' };
  const recipients: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const keys = /^DALA-KEY-/i.test(trimmed) ? [trimmed] : trimmed.split(/[\s,;]+/).filter(Boolean);
    for (const k of keys) {
      const parsed = parseResearcherKey(k);
      if (!parsed.ok) return { ok: false, line: i + 1, reason: parsed.reason, message: `line ${i + 1}: ${parsed.message}` };
      if (!recipients.includes(parsed.key.recipient)) recipients.push(parsed.key.recipient);
    }
  }
  return { ok: true, recipients };
}
