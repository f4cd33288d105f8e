/**
 * The structural schema of a bundle (docs/bundle-format.md), in valibot, in the current version
 * (older versions are migrated to it first: ./migrations.ts).
 *
 * A bundle is checked in two steps (./parse.ts): `shell` checks the bundle's own fields and counts
 * its lists, then `study`, `response` and `paradataEvent` check each record on its own, so a bad one
 * is named by its index and id and set aside without the others.
 * Object schemas drop unknown keys. Messages are written for a researcher: "expected a number,
 * got 'abc'".
 */
import { mediaRefSchema } from '../media/ref-schema';
import * as v from 'valibot';
import { LANGUAGE_PATTERN, NAME_PATTERN, RESERVED_NAMES } from '../instrument/schema';
import { isAnswerKey, MAX_ANSWER_KEY, parseAnswerKey } from '../responses/answer-key';
import { count, describe, expected, list, map, objectMessage } from '../schema-kit';
import { MAX_WAVE } from '../link/referral';
import { BUNDLE_LIMITS, type BundleLimits } from './limits';
import { BUNDLE_VERSION, type BundleResponse } from './types';
import { MAX_COUNT } from '../trust/bundle';
import { PUBLIC_KEY_PATTERN } from '../trust/keys';

/** A UUID (any version), either case; normalized to lower case. */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A device id: letters, digits and . _ : - (a UUID, "csv", "cli"). */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
/** A referral code (docs/links.md): 4 to 16 capitals or digits. */
export const REFERRAL_CODE_PATTERN = /^[0-9A-Z]{4,16}$/;
/** A study id, as in an instrument. */
export const STUDY_ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** ISO 8601 date and time with a zone: 2024-05-01T10:00:00.000Z, 2024-05-01T16:00+06:00. */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Is `s` an ISO 8601 time with a zone, with fields in range? */
export function isIsoTime(s: string): boolean {
  const m = ISO_TIME.exec(s);
  if (!m) return false;
  const month = +m[2]!;
  const day = +m[3]!;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && +m[4]! <= 23 && +m[5]! <= 59 && +(m[6] ?? 0) <= 59 && +(m[7] ?? 0) <= 23 && +(m[8] ?? 0) <= 59;
}

function textOf(max: number, what = 'a text') {
  return v.pipe(
    v.string(expected(what)),
    v.maxLength(max, (i) => `at most ${count(max)} characters, got ${count((i.input as string).length)}`),
  );
}

const notReserved = v.check(
  (s: string) => !RESERVED_NAMES.has(s),
  (issue) => `'${issue.input}' is reserved (every JavaScript object has it) and cannot be used as a key`,
);

/** The schemas for given limits (the defaults unless a caller, e.g. a test, narrows them). */
export function bundleSchemas(limits: BundleLimits = BUNDLE_LIMITS) {
  const isoTime = v.pipe(
    v.string(expected('an ISO time')),
    v.maxLength(40, (i) => `${describe(i.input)} is not an ISO time (like 2024-05-01T10:00:00Z)`),
    v.check(isIsoTime, (i) => `${describe(i.input)} is not an ISO time with a zone (like 2024-05-01T10:00:00Z)`),
  );
  const uuid = v.pipe(
    v.string(expected('a UUID')),
    v.regex(UUID_PATTERN, (i) => `${describe(i.input)} is not a UUID`),
    v.transform((s) => s.toLowerCase()),
  );
  const deviceId = v.pipe(
    v.string(expected('a device id')),
    v.maxLength(limits.id, `a device id of at most ${limits.id} characters`),
    v.regex(DEVICE_ID_PATTERN, (i) => `${describe(i.input)} is not a device id (letters, digits, . _ : -)`),
    notReserved,
  );
  const studyId = v.pipe(
    v.string(expected('a study id')),
    v.maxLength(64, 'a study id of at most 64 characters'),
    v.regex(STUDY_ID_PATTERN, (i) => `${describe(i.input)} is not a study id`),
    notReserved,
  );
  const studyVersion = v.pipe(textOf(64), v.minLength(1, 'must not be empty'));
  const code = textOf(limits.id);
  const language = v.pipe(
    v.string(expected('a language code')),
    v.maxLength(35, (i) => `${describe(i.input)} is not a language code (like en, ru, kk)`),
    v.regex(LANGUAGE_PATTERN, (i) => `${describe(i.input)} is not a language code (like en, ru, kk)`),
  );
  /**
   * An answer's key (../responses/answer-key.ts): an item name, or (instrument version 3) the path of
   * a repeat instance and the item's name (`member[k3f9]/age`), or an instance's marker (`member[k3f9]`).
   */
  const answerKeyName = v.pipe(
    v.string(expected('an item name')),
    v.maxLength(MAX_ANSWER_KEY, `an answer key of at most ${count(MAX_ANSWER_KEY)} characters`),
    v.check((k) => !k.includes('[') ? k.length <= 64 && NAME_PATTERN.test(k) : isAnswerKey(k), (i) => `${describe(i.input)} is not an item name`),
    v.check(
      (k) => (parseAnswerKey(k)?.path ?? []).every((step) => !RESERVED_NAMES.has(step.repeat)) && !RESERVED_NAMES.has(parseAnswerKey(k)?.item ?? k),
      (issue) => `'${issue.input}' is reserved (every JavaScript object has it) and cannot be a name`,
    ),
  );
  const answerText = textOf(limits.answerText);

  const value = v.union(
    [
      answerText,
      v.pipe(v.number(), v.finite()),
      v.pipe(
        v.array(v.unknown()),
        v.check((a) => a.length <= limits.choices, `at most ${count(limits.choices)} choices`),
        v.array(textOf(64, 'a choice code')),
      ),
      v.null(),
    ],
    (i) =>
      Array.isArray(i.input)
        ? 'expected a list of choice codes'
        : `expected a text, a number, a list of choice codes or null, got ${describe(i.input)}`,
  );

  // The write that set the answer: [device, that device's count of writes then] (src/core/merge/join.ts).
  const dot = v.tuple(
    [
      deviceId,
      v.pipe(
        v.number(expected('a count of writes')),
        v.check((n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_COUNT, (i) => `expected a whole number from 1 to ${count(MAX_COUNT)}, got ${describe(i.input)}`),
      ),
    ],
    (i) => `expected [device, count], got ${describe(i.input)}`,
  );

  const answer = v.object(
    {
      value,
      other: v.optional(answerText),
      note: v.optional(answerText),
      at: isoTime,
      invalid: v.optional(textOf(limits.text)),
      // Version 3 (media): the blob a media answer refers to.
      media: v.optional(mediaRefSchema),
      dot: v.optional(dot),
    },
    objectMessage('an answer'),
  );

  const consent = v.nullable(
    v.object(
      {
        agreed: v.literal(true, (i) => `expected true (consent is recorded only when given), got ${describe(i.input)}`),
        by: code,
        at: isoTime,
        version: textOf(64),
        lang: language,
      },
      objectMessage('a consent record'),
    ),
  );

  const counter = v.pipe(
    v.number(expected('a count of writes')),
    v.check((n) => Number.isSafeInteger(n) && n >= 0, (i) => `expected a whole number >= 0, got ${describe(i.input)}`),
    // No response is written a billion times: a larger count is forged or damaged, and would stop
    // the device's own counter from moving once imported (src/core/trust/bundle.ts).
    v.check((n) => n <= MAX_COUNT, (i) => `${describe(i.input)} writes: more than any device makes (at most ${count(MAX_COUNT)})`),
  );

  const revision = v.pipe(
    v.object(
      {
        device: deviceId,
        at: isoTime,
        vv: map(deviceId, counter, limits.devices, 'write counts by device', 1),
      },
      objectMessage('a revision'),
    ),
    v.check(
      (r) => Object.hasOwn(r.vv, r.device),
      (i) => `the device ${describe((i.input as { device: string }).device)} is not in its version vector vv`,
    ),
  );

  const referralCode = v.pipe(
    v.string(expected('a referral code')),
    v.regex(REFERRAL_CODE_PATTERN, (i) => `${describe(i.input)} is not a referral code (4 to 16 capitals or digits)`),
  );
  const referral = v.pipe(
    v.object(
      {
        code: referralCode,
        parent: v.optional(referralCode),
        wave: v.pipe(
          v.number(expected('a wave')),
          v.check((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_WAVE, (i) => `expected a whole number from 0 to ${count(MAX_WAVE)}, got ${describe(i.input)}`),
        ),
      },
      objectMessage('a referral'),
    ),
    v.check(
      (r) => (r.wave === 0) === (r.parent === undefined),
      (i) => ((i.input as { wave: number }).wave === 0 ? 'wave 0 (a seed link) has no parent code' : 'a wave above 0 needs the parent code'),
    ),
  );

  const responseEntries = {
    id: uuid,
    studyId,
    studyVersion,
    respondentCode: code,
    interviewer: code,
    status: v.picklist(['draft', 'complete'] as const, (i) => `expected 'draft' or 'complete', got ${describe(i.input)}`),
    lang: language,
    createdAt: isoTime,
    completedAt: v.optional(isoTime),
    consent,
    answers: map(answerKeyName, answer, limits.answers, 'answers by item'),
    revision,
    example: v.optional(v.literal(true, (i) => `expected true or nothing, got ${describe(i.input)}`)),
    referral: v.optional(referral),
  };
  const response = v.pipe(
    v.object(responseEntries, objectMessage('a response')),
    // A write the revision does not count is not one it holds: damaged, or forged to win a merge.
    v.check(
      (r) => dotBeyondVv(r) === null,
      (i) => dotBeyondVv(i.input as Pick<BundleResponse, 'answers' | 'revision'>)!,
    ),
  );

  const paradataEvent = v.object(
    {
      responseId: uuid,
      at: isoTime,
      event: v.pipe(textOf(64), v.minLength(1, 'must not be empty')),
      // The question the event is about, by its answer key: `member[k3f9]/age` inside a repeat (version 3).
      item: v.optional(answerKeyName),
      data: v.optional(
        map(
          v.pipe(v.string(), v.maxLength(64), notReserved),
          v.union([textOf(limits.text), v.pipe(v.number(), v.finite()), v.boolean(), v.null()], expected('a text, a number, true, false or null')),
          32,
          'values',
        ),
      ),
    },
    objectMessage('a paradata event'),
  );

  const study = v.object(
    {
      id: studyId,
      studyVersion,
      /** Checked by parseInstrument in ./parse.ts. */
      instrument: v.optional(v.unknown()),
    },
    objectMessage('a study'),
  );

  const shell = v.object(
    {
      type: v.literal('dala-bundle'),
      version: v.literal(BUNDLE_VERSION),
      bundleId: uuid,
      createdAt: isoTime,
      device: v.object(
        {
          id: deviceId,
          label: v.optional(textOf(limits.text)),
          key: v.optional(v.pipe(v.string(expected('a public key')), v.regex(PUBLIC_KEY_PATTERN, (i) => `${describe(i.input)} is not a public signing key (ed25519:...)`))),
        },
        objectMessage('a device'),
      ),
      app: v.object({ name: v.literal('dala', expected("'dala'")), version: textOf(64) }, objectMessage('the app')),
      since: v.optional(isoTime),
      /** Counted here; each record is checked on its own by `study`, `response` and `paradataEvent`. */
      studies: list(v.unknown(), limits.studies, 'studies'),
      responses: list(v.unknown(), limits.responses, 'responses'),
      paradata: v.optional(list(v.unknown(), limits.paradata, 'paradata events')),
      // --- interview (issue 17): codes and coded passages (src/core/coding/), each checked by `codingRecord`.
      coding: v.optional(list(v.unknown(), limits.coding, 'coding records')),
      // --- interview (issue 17): transcripts (src/core/transcripts/), each checked by `transcriptRecord`.
      transcripts: v.optional(list(v.unknown(), limits.transcripts, 'transcripts')),
      /** Checked against `device.key` before anything else is read (./parse.ts). */
      signature: v.optional(v.string()),
    },
    objectMessage('a bundle'),
  );

  // --- interview (issue 17): a code or a coded passage (src/core/coding/types.ts) ---------------------
  const recordId = v.pipe(textOf(limits.id), v.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, (i) => `${describe(i.input)} is not a record id (letters, digits, . _ : -)`));
  const offset = v.pipe(v.number(expected('a position')), v.check((n) => Number.isSafeInteger(n) && n >= 0 && n <= limits.answerText * 10, (i) => `expected a position in the text, got ${describe(i.input)}`));
  // A source is an item's answer key: its name, or (version 3) its key in a repeat instance (`member[k3f9]/comment`); never an instance's marker.
  const sourceItem = v.pipe(answerKeyName, v.check((k) => parseAnswerKey(k)?.item !== '', (i) => `${describe(i.input)} is an instance, not an item`));
  const source = v.variant('kind', [
    v.object({ kind: v.literal('answer'), item: sourceItem }),
    v.object({ kind: v.literal('other'), item: sourceItem }),
    v.object({ kind: v.literal('note'), item: sourceItem }),
    v.object({ kind: v.literal('transcript'), id: recordId }),
  ], (i) => `expected a source (answer, other, note or transcript), got ${describe(i.input)}`);
  const tombstone = v.optional(v.literal(true, (i) => `expected true or nothing, got ${describe(i.input)}`));
  const codingRecord = v.variant('type', [
    v.object(
      {
        type: v.literal('code'),
        id: recordId,
        studyId,
        name: v.pipe(textOf(limits.text), v.minLength(1, 'a code needs a name')),
        description: v.optional(textOf(limits.answerText)),
        color: v.pipe(v.string(expected('a colour')), v.regex(/^#[0-9a-fA-F]{6}$/, (i) => `${describe(i.input)} is not a colour like #1f77b4`)),
        parent: v.optional(recordId),
        memo: v.optional(textOf(limits.answerText)),
        rev: revision,
        deleted: tombstone,
      },
      objectMessage('a code'),
    ),
    v.pipe(
      v.object(
        {
          type: v.literal('passage'),
          id: recordId,
          studyId,
          responseId: uuid,
          source,
          start: offset,
          end: offset,
          quote: textOf(limits.answerText),
          before: textOf(limits.text),
          after: textOf(limits.text),
          codes: list(recordId, limits.choices, 'codes'),
          memo: v.optional(textOf(limits.answerText)),
          by: code,
          rev: revision,
          deleted: tombstone,
        },
        objectMessage('a coded passage'),
      ),
      v.check((p) => p.start <= p.end, 'the passage ends before it starts'),
    ),
  ], (i) => `expected a code or a coded passage, got ${describe(i.input)}`);

  // --- interview (issue 17): a transcript (src/core/transcripts/types.ts) -----------------------------
  const seconds = v.pipe(
    v.number(expected('a time in seconds')),
    v.check((n) => Number.isFinite(n) && n >= 0 && n <= 1e7, (i) => `expected a time in seconds from 0, got ${describe(i.input)}`),
  );
  const inTimeOrder = (list: { at: number }[]) => list.every((x, i) => i === 0 || list[i - 1]!.at <= x.at);
  const transcriptRecord = v.object(
    {
      type: v.literal('transcript', (i) => `expected a transcript, got ${describe(i.input)}`),
      id: uuid,
      studyId,
      responseId: uuid,
      media: v.optional(recordId),
      paragraphs: v.pipe(
        list(v.object({ at: seconds, text: answerText }, objectMessage('a paragraph')), limits.paragraphs, 'paragraphs'),
        v.check((l) => inTimeOrder(l), 'the paragraphs are not in time order'),
      ),
      markers: v.pipe(
        list(v.object({ item: answerKeyName, at: seconds }, objectMessage('a question marker')), limits.paragraphs, 'question markers'),
        v.check((l) => inTimeOrder(l), 'the question markers are not in time order'),
      ),
      by: code,
      rev: revision,
      deleted: tombstone,
    },
    objectMessage('a transcript'),
  );

  return { shell, study, response, responseEntries, paradataEvent, codingRecord, transcriptRecord };
}

export type BundleSchemas = ReturnType<typeof bundleSchemas>;
export const DEFAULT_SCHEMAS: BundleSchemas = bundleSchemas();

// Type-level test: the response schema and types.ts must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaCoversTypes: [Same<keyof BundleResponse, keyof BundleSchemas['responseEntries']>] = [true];
void schemaCoversTypes;
const outputIsResponse = (x: v.InferOutput<BundleSchemas['response']>): BundleResponse => x;
void outputIsResponse;

/** The first answer whose `dot` counts more writes of its device than the revision's vv does, said in words, or null. */
export function dotBeyondVv(r: Pick<BundleResponse, 'answers' | 'revision'>): string | null {
  for (const [key, a] of Object.entries(r.answers)) {
    if (!a.dot) continue;
    const [device, n] = a.dot;
    const held = Object.hasOwn(r.revision.vv, device) ? r.revision.vv[device]! : 0;
    if (n > held) return `answers.${key}.dot: write ${n} of device ${device}, but the revision counts ${held} of its writes`;
  }
  return null;
}
