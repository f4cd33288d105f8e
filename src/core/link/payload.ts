/**
 * The payload of a study link, format 1: the text after "#/s/" and before any "?".
 *
 *   payload = "1" base64url( crc32(json) as 4 bytes big-endian || deflate-raw(json, level 9, DICTIONARY_V1) )
 *
 * `json` is the UTF-8 of the instrument's compact JSON without its `type` (always "dala-instrument",
 * so derivable); its `version` stays in, so the link format and the instrument format change
 * independently (an old link's instrument is migrated by parseInstrument like any other).
 * The first character is the link format; a format this Dala does not know is refused by name.
 * Deflate has no check of its own: the CRC-32 of the unpacked JSON is what tells a changed link from
 * a study (docs/links.md, "Damaged links").
 *
 * Unpacking treats the text as hostile: its length is capped before decoding, and the inflater is
 * fed 1 KB at a time and stopped as soon as the output passes LINK_LIMITS.maxJsonBytes, so a deflate
 * bomb costs at most the cap (plus about one megabyte), not the device.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url';
import { crc32 } from './crc32';
import { DICTIONARY_V1 } from './dictionary';
import { LINK_LIMITS } from './limits';
import { damaged, LinkError } from './link-error';

/** The link format this Dala writes; the first character of every payload it makes. */
export const LINK_FORMAT = '1';

/** Compressed bytes handed to the inflater at a time: one step inflates to at most ~1 MB. */
const INFLATE_STEP = 1024;

/** JSON text (the instrument without `type`) -> payload. Throws LinkError 'too-long' above the caps. */
export function packPayload(json: string): string {
  const bytes = strToU8(json);
  if (bytes.length > LINK_LIMITS.maxJsonBytes) {
    throw new LinkError('too-large', `This study is too large for a link: its JSON has ${bytes.length} bytes and a link holds at most ${LINK_LIMITS.maxJsonBytes}. Share it as a study file.`);
  }
  const packed = deflateSync(bytes, { level: 9, dictionary: strToU8(DICTIONARY_V1) });
  const out = new Uint8Array(4 + packed.length);
  const crc = crc32(bytes);
  out[0] = crc >>> 24;
  out[1] = (crc >>> 16) & 255;
  out[2] = (crc >>> 8) & 255;
  out[3] = crc & 255;
  out.set(packed, 4);
  const payload = LINK_FORMAT + toBase64Url(out);
  if (payload.length > LINK_LIMITS.maxPayloadChars) {
    throw new LinkError('too-long', `This study is too large for a link: the link would have ${payload.length} characters and Dala opens links of up to ${LINK_LIMITS.maxPayloadChars}. Share it as a study file.`);
  }
  return payload;
}

/** Payload -> the JSON text it packs, or why not. Never throws. */
export function unpackPayload(payload: string): { ok: true; json: string } | { ok: false; error: LinkError } {
  const fail = (error: LinkError) => ({ ok: false as const, error });
  if (payload.length === 0) return fail(damaged('incomplete', 'the study part after "#/s/" is missing'));
  if (payload.length > LINK_LIMITS.maxPayloadChars) {
    return fail(new LinkError('too-long', `This study link is too long: its study part has ${payload.length} characters and Dala opens links of up to ${LINK_LIMITS.maxPayloadChars}. Ask for the study as a file instead.`));
  }
  const format = payload.charAt(0);
  if (format !== LINK_FORMAT) {
    return fail(new LinkError(
      'version',
      /^[0-9A-Za-z]$/.test(format)
        ? `This study link is in a format this version of Dala does not read (format '${format}'). If the link is new, reload Dala to update it and open the link again; otherwise ask for the link again.`
        : `This study link is damaged or incomplete: it does not start with a link format (found '${format}'). Ask for the link again.`,
    ));
  }

  const decoded = fromBase64Url(payload.slice(1));
  if (!decoded.ok) {
    if (decoded.problem === 'character') {
      return fail(damaged('characters', `it has the character '${decoded.character}' at position ${decoded.position + 2} of the study part, which a study link never has`));
    }
    return fail(damaged('incomplete', 'the study part is cut off'));
  }
  const bytes = decoded.bytes;
  if (bytes.length < 5) return fail(damaged('incomplete', 'the study part is too short to hold a study'));

  const inflated = inflateCapped(bytes.subarray(4));
  if (!inflated.ok) return fail(inflated.error);
  const expected = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (crc32(inflated.bytes) !== expected) {
    return fail(damaged('checksum', 'the study in it does not match its checksum, so the link was changed or damaged on the way'));
  }
  // Checked last: a cut-off text usually ends in such a character too, and "cut off" says more.
  if (!decoded.canonical) return fail(damaged('damaged', 'the last character of the study part was changed'));
  return { ok: true, json: strFromU8(inflated.bytes) };
}

class TooLarge extends Error {}

function inflateCapped(data: Uint8Array): { ok: true; bytes: Uint8Array } | { ok: false; error: LinkError } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate({ dictionary: strToU8(DICTIONARY_V1) }, (chunk, final) => {
    total += chunk.length;
    if (total > LINK_LIMITS.maxJsonBytes) throw new TooLarge();
    chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let at = 0; at < data.length && !done; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch (e) {
    if (e instanceof TooLarge) {
      return {
        ok: false,
        error: new LinkError('too-large', `This study link is damaged or unsafe: the study in it unpacks to more than ${LINK_LIMITS.maxJsonBytes / (1024 * 1024)} MB, far more than any study. Ask for the link again, or for the study as a file.`),
      };
    }
    // fflate's FlateError code 0 is "unexpected EOF": the stream stops before its last block.
    const eof = typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 0;
    return { ok: false, error: damaged(eof ? 'incomplete' : 'damaged', eof ? 'the study in it is cut off' : 'the study in it cannot be unpacked (the link was changed or damaged)', { cause: e }) };
  }
  if (!done) return { ok: false, error: damaged('incomplete', 'the study in it is cut off') };
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { ok: true, bytes: out };
}
