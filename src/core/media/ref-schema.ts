/**
 * The valibot schema of a MediaRef (./ref.ts), apart from it so the runner's first page, which reads
 * refs but never validates untrusted ones, does not load the schema library.
 */
import * as v from 'valibot';
import { MEDIA_LIMITS } from './kinds';
import { BLOB_ID_PATTERN, SHA256_PATTERN, STORED_NAME_PATTERN } from './ref';

export const mediaRefSchema = v.object(
  {
    id: v.pipe(v.string('expected a blob id'), v.regex(BLOB_ID_PATTERN, 'not a blob id')),
    type: v.pipe(v.string('expected a MIME type'), v.maxLength(MEDIA_LIMITS.type, 'a MIME type of at most 127 characters'), v.regex(/^[A-Za-z0-9][\w.+-]*\/[\w.+-]+(\s*;[\w\s=.,"+-]*)?$/, 'not a MIME type')),
    size: v.pipe(v.number('expected a size in bytes'), v.safeInteger('a size is a whole number'), v.minValue(0, 'a size is not negative')),
    sha256: v.pipe(v.string('expected a SHA-256'), v.regex(SHA256_PATTERN, 'not a SHA-256 (64 hex digits)')),
    name: v.pipe(v.string('expected a file name'), v.regex(STORED_NAME_PATTERN, 'not a file name (letters, digits, _ . -; no path)')),
    partial: v.optional(v.literal(true)),
    durationMs: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  },
  'expected a media reference {id, type, size, sha256, name}',
);
