/**
 * A study link too long for one QR code, as a sequence of numbered parts, each small enough for a
 * QR code a tablet's camera reads from a screen or from paper (docs/links.md, "A link as a sequence
 * of QR codes"). Another Dala scans them in any order, any number of times, and gets the link back
 * character for character.
 *
 *   DALA-PARTS-1 3/16 5A1F09C2 amirova-2020-civil-service 1.0 0B6E1D2F <the 3rd piece of the link>
 *   \__________/ \__/ \______/ \________________________/ \_/ \______/
 *    format 1   part  CRC-32   the study's id              its   CRC-32 of this part
 *               i/n   of the   (percent-encoded)           version (without these 8
 *                     whole link                                    characters and their space)
 *
 * Numbered parts, not a fountain code: a printed sheet holds each part once, the scanner can say
 * which parts are missing, and the person showing the codes can step to them. Pure; nothing throws
 * on scanned text: every refusal has a `reason` and an English `message`.
 */
import { strToU8 } from 'fflate';
import { DalaError } from '../errors';
import { crc32 } from './crc32';

export const PARTS_PREFIX = 'DALA-PARTS-1';
/**
 * Most bytes of one part's text: a QR code of version 22 at error correction L (105 x 105 modules),
 * which a tablet reads from a phone's screen or a printed sheet. The demo study's link is 16 parts.
 */
export const PART_MAX_BYTES = 1000;
/** Most parts in a sequence: the longest link Dala reads (73,728 characters) needs about 80. */
export const MAX_PARTS = 200;
/** Most characters of one scanned part, checked before anything else. */
const MAX_PART_TEXT = 4096;
const MAX_NAME = 200;

export interface PartsStudy {
  id: string;
  studyVersion: string;
}

/** A study's id or version as a field: percent-encoded, at most MAX_NAME characters, never an escape cut. */
function nameField(s: string): string {
  const encoded = encodeURIComponent(s || '-');
  if (encoded.length <= MAX_NAME) return encoded;
  let cut = encoded.slice(0, MAX_NAME).replace(/%[0-9A-F]?$/, '');
  // Never half a character: drop escapes until the rest decodes.
  for (;;) {
    try {
      decodeURIComponent(cut);
      return cut;
    } catch {
      const shorter = cut.replace(/%[0-9A-F]{2}$/, '');
      if (shorter === cut) return '-';
      cut = shorter;
    }
  }
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
const byteLength = (s: string) => strToU8(s).length;

/** The part's text from its fields, with its own check computed. */
function partText(i: number, n: number, whole: string, id: string, version: string, chunk: string): string {
  const head = `${PARTS_PREFIX} ${i}/${n} ${whole} ${id} ${version}`;
  return `${head} ${hex(crc32(strToU8(`${head} ${chunk}`)))} ${chunk}`;
}

/**
 * `text` (a study link) as the texts of its parts, in order, each at most `maxBytes` bytes of UTF-8.
 * Throws DalaError 'link' when it would need more than MAX_PARTS parts.
 */
export function splitIntoParts(text: string, study: PartsStudy, maxBytes = PART_MAX_BYTES): string[] {
  const id = nameField(study.id);
  const version = nameField(study.studyVersion);
  const whole = hex(crc32(strToU8(text)));
  // The header with three-digit numbers is the longest one can be (MAX_PARTS < 1000).
  const budget = maxBytes - byteLength(partText(999, 999, whole, id, version, ''));
  if (budget < 16) throw new DalaError('link', `the study's id and version are too long for QR codes of ${maxBytes} bytes`);
  const total = byteLength(text);
  const n = Math.max(1, Math.ceil(total / budget));
  // Parts of even size (a code's density is then the same for all); a character is never split (so
  // text beyond ASCII may need one part more).
  // Part k ends at byte ceil(k * total / n): sizes differ by at most one byte (a character's more).
  const chunks: string[] = [];
  let chunk = '';
  let bytes = 0;
  let done = 0;
  for (const ch of text) {
    const b = byteLength(ch);
    const target = Math.min(budget, Math.ceil(((chunks.length + 1) * total) / n) - done);
    if (bytes + b > target && chunk) {
      chunks.push(chunk);
      done += bytes;
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += b;
  }
  if (chunk || chunks.length === 0) chunks.push(chunk);
  if (chunks.length > MAX_PARTS) throw new DalaError('link', `this link needs ${chunks.length} QR codes, more than ${MAX_PARTS}: share it as a link or a study file`);
  return chunks.map((c, i) => partText(i + 1, chunks.length, whole, id, version, c));
}

export interface LinkPart {
  index: number;
  count: number;
  /** CRC-32 of the whole text, 8 capital hex digits: which sequence the part belongs to. */
  whole: string;
  studyId: string;
  studyVersion: string;
  chunk: string;
}

export type PartFailure =
  | 'not-a-part' // does not start with DALA-PARTS-
  | 'version' // DALA-PARTS-2 or later: from a newer Dala
  | 'header' // the fields before the piece are not as format 1 writes them
  | 'checksum'; // the part's own CRC does not match: damaged or changed

export type ParsedPart = { ok: true; part: LinkPart } | { ok: false; reason: PartFailure; message: string };

const NUMBER = /^[1-9]\d{0,2}$/;
const HEX8 = /^[0-9A-F]{8}$/;
const NAME = /^[\w%.~!*'()-]{1,200}$/;

/** One scanned QR code's text as a part. Never throws. */
export function parsePart(text: string): ParsedPart {
  const fail = (reason: PartFailure, what: string): ParsedPart => ({ ok: false, reason, message: `This QR code is not a readable part of a study link: ${what}.` });
  if (typeof text !== 'string' || !text.startsWith('DALA-PARTS-')) return fail('not-a-part', 'it does not start with DALA-PARTS-');
  if (text.length > MAX_PART_TEXT) return fail('header', `it has ${text.length} characters, more than a part ever has`);
  const fields: string[] = [];
  let at = 0;
  for (let k = 0; k < 6; k++) {
    const space = text.indexOf(' ', at);
    if (space < 0) break;
    fields.push(text.slice(at, space));
    at = space + 1;
  }
  if (fields[0] !== PARTS_PREFIX) {
    const v = /^DALA-PARTS-(\d{1,6})$/.exec(fields[0] ?? text.split(' ')[0]!);
    if (v && v[1] !== '1') return { ok: false, reason: 'version', message: `This QR code is part of a study link in a format this version of Dala does not read (format ${v[1]}); update Dala on this device.` };
    return fail('header', 'its first word is not DALA-PARTS-1');
  }
  if (fields.length < 6) return fail('header', 'it has fewer fields than a part has');
  const [, numbers, whole, id, version, own] = fields as [string, string, string, string, string, string];
  const chunk = text.slice(at);
  const slash = numbers.split('/');
  if (slash.length !== 2 || !NUMBER.test(slash[0]!) || !NUMBER.test(slash[1]!)) return fail('header', `'${numbers.slice(0, 12)}' is not a part number i/n`);
  const index = Number(slash[0]);
  const count = Number(slash[1]);
  if (index > count || count > MAX_PARTS) return fail('header', `part ${index} of ${count} cannot be`);
  if (!HEX8.test(whole) || !HEX8.test(own)) return fail('header', 'its checksums are not 8 hex digits');
  if (!NAME.test(id) || !NAME.test(version)) return fail('header', "the study's id or version is not as Dala writes it");
  let studyId: string;
  let studyVersion: string;
  try {
    studyId = decodeURIComponent(id);
    studyVersion = decodeURIComponent(version);
  } catch {
    return fail('header', "the study's id or version is not as Dala writes it");
  }
  if (!chunk) return fail('header', 'it holds no piece of the link');
  if (hex(crc32(strToU8(`${PARTS_PREFIX} ${numbers} ${whole} ${id} ${version} ${chunk}`))) !== own) {
    return { ok: false, reason: 'checksum', message: 'This QR code is a damaged part of a study link: its checksum does not match. Scan it again.' };
  }
  return { ok: true, part: { index, count, whole, studyId, studyVersion, chunk } };
}

/** The parts of one sequence scanned so far. Immutable: addPart returns a new one. */
export interface PartsCollection {
  readonly whole: string;
  readonly count: number;
  readonly studyId: string;
  readonly studyVersion: string;
  /** chunks[i - 1] is part i's piece, once scanned. */
  readonly chunks: readonly (string | undefined)[];
}

export type AddOutcome =
  /** A part not seen before; `collection` has it. */
  | { kind: 'added'; collection: PartsCollection; index: number }
  /** A part already there, the same again: nothing changes. */
  | { kind: 'duplicate'; collection: PartsCollection; index: number }
  /** Every part is there and the whole checks: `text` is the link, as it was split. */
  | { kind: 'complete'; collection: PartsCollection; text: string }
  /** Not taken; `collection` is unchanged (null when nothing was scanned yet). */
  | {
      kind: 'refused';
      collection: PartsCollection | null;
      reason: PartFailure | 'other-sequence' | 'conflict' | 'whole';
      message: string;
      /** For 'other-sequence': the study the refused part belongs to. */
      other?: { studyId: string; studyVersion: string };
    };

/**
 * Adds one scanned text to `collection` (null: the first part starts one). A part of another
 * sequence (another study, or the same study with another referral) is refused, as is a part whose
 * number is there already with another piece. When the last part arrives the whole text's CRC-32 is
 * checked; a mismatch ('whole', only crafted parts get there) empties the collection.
 */
export function addPart(collection: PartsCollection | null, scanned: string): AddOutcome {
  const parsed = parsePart(scanned);
  if (!parsed.ok) return { kind: 'refused', collection, reason: parsed.reason, message: parsed.message };
  const p = parsed.part;
  if (collection && (p.whole !== collection.whole || p.count !== collection.count || p.studyId !== collection.studyId || p.studyVersion !== collection.studyVersion)) {
    return {
      kind: 'refused',
      collection,
      reason: 'other-sequence',
      message: `This QR code is part of another study link (${p.studyId}, version ${p.studyVersion}). Finish scanning this one, or start again.`,
      other: { studyId: p.studyId, studyVersion: p.studyVersion },
    };
  }
  const base: PartsCollection = collection ?? { whole: p.whole, count: p.count, studyId: p.studyId, studyVersion: p.studyVersion, chunks: Array<undefined>(p.count).fill(undefined) };
  const have = base.chunks[p.index - 1];
  if (have !== undefined) {
    if (have === p.chunk) return { kind: 'duplicate', collection: base, index: p.index };
    return { kind: 'refused', collection, reason: 'conflict', message: `This QR code says it is part ${p.index}, but part ${p.index} scanned before is different. Start again.` };
  }
  const chunks = base.chunks.slice();
  chunks[p.index - 1] = p.chunk;
  const next: PartsCollection = { ...base, chunks };
  if (chunks.some((c) => c === undefined)) return { kind: 'added', collection: next, index: p.index };
  const text = chunks.join('');
  if (hex(crc32(strToU8(text))) !== next.whole) {
    return { kind: 'refused', collection: null, reason: 'whole', message: 'The scanned parts do not make up the link they say they are (its checksum does not match). Start again.' };
  }
  return { kind: 'complete', collection: next, text };
}

/** The numbers (1-based) of the parts not scanned yet. */
export function missingParts(collection: PartsCollection): number[] {
  const out: number[] = [];
  collection.chunks.forEach((c, i) => c === undefined && out.push(i + 1));
  return out;
}
