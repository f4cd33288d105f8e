/**
 * The structural schema of an instrument (docs/instrument-format.md), in valibot, and its limits.
 *
 * This file answers one question: does the JSON have the right shape, types and sizes? Whether the
 * names it uses point anywhere (a `choices` that names a list, an expression that parses) is the
 * job of ./check.ts, which runs only on what passes here.
 *
 * Object schemas are `v.object`: unknown keys are ignored and not carried into the output, so an
 * instrument from a newer Dala loses the fields this one does not know (it does not fail on them).
 * Arrays and records are capped *before* their elements are validated, so a hostile list of a
 * million entries costs one length check, not a million issues. Every message is written for a
 * researcher: "expected a text, got null", "unknown item type 'hologram'".
 */
import * as v from 'valibot';
import { INSTRUMENT_VERSION, type Attachment, type LabelMediaType, type Instrument, type Item, type ItemType, type MetaKind, type Section } from './types';
import { MAX_INSTANCES, type Repeat } from './repeats';
import { MEDIA_ITEM_TYPES, MEDIA_LIMITS } from '../media/kinds';
import { count, describe, expected, isPlainObject, list, map, objectMessage } from '../schema-kit';
import { LOCATION_ITEM_TYPES, LOCATION_META_KINDS, locationItemEntries } from './schema-location';

export { describe };

/** The caps on an instrument's counts and texts. The total JSON size is the caller's cap. */
export const INSTRUMENT_LIMITS = {
  /** Items in all sections together. */
  items: 5000,
  sections: 500,
  choiceLists: 1000,
  /**
   * Version 2 raised it from 1,000: pyxform has no limit, and real forms have lists of 5,000 and
   * more (all the unions of Bangladesh). The runner searches a long list rather than drawing it.
   */
  choicesPerList: 20_000,
  /** Attributes of one choice (for choice filters). */
  choiceAttributes: 50,
  likertScales: 100,
  /** Substantive points of one Likert scale (a 0..100 slider is the most we expect). */
  likertPoints: 101,
  nonSubstantive: 10,
  scales: 500,
  languages: 64,
  recipients: 100,
  /** Characters of any text, expression included. */
  text: 10_000,
  /** Characters of a name (item, section, choice list, scale, study id). */
  name: 64,
  /**
   * Characters of a choice name (a stored code). Version 2 raised it from 64: pyxform has no limit,
   * and real forms use whole phrases as codes (the longest we know has 113 characters).
   */
  choiceName: 1000,
  /** Parameters of one item (XLSForm's parameters column). */
  parameters: 32,
  /** Items named in one item's trigger. */
  trigger: 100,
  /**
   * Characters of every text, name and expression of the instrument together (labels times
   * languages times items): each part may be within its own limit while the whole is not (issue 14:
   * one 10,000-character text in every label and hint). The largest real form we know (RHoMIS,
   * 677 rows in nine languages) has under 450,000.
   */
  totalText: 4_000_000,
  // Version 3: external data (attachments)
  /** Files one instrument carries. */
  attachments: 32,
  /**
   * Characters of all attachments together (a CSV of every union of Bangladesh, 5,000 rows, is
   * about 300,000): bundles and links carry them, so they are bounded like the rest.
   */
  attachmentText: 8_000_000,
} as const;

/** Item, section, choice list, Likert scale and scale names. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/**
 * Choice names are stored codes ("A", "1", "dk", "Cox's Bazar"): not empty, no white space at
 * either end. Version 1 had no white space at all; since version 2 it may be inside (pyxform allows
 * it, and real lists have it; a select_multiple's codes are a JSON list, never joined by spaces).
 */
export const CHOICE_NAME_PATTERN = /^\S(?:[\s\S]*\S)?$/;
/** A BCP 47-like language code: "en", "ru", "kk", "pt-BR", "zh-Hant". */
export const LANGUAGE_PATTERN = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
/** An age X25519 recipient: "age1" and 58 bech32 characters. */
export const RECIPIENT_PATTERN = /^age1[02-9ac-hj-np-z]{58}$/;

/**
 * Names that would reach into Object.prototype if used as a key of a plain object (answers by item
 * name, counts by choice name). Refused as names everywhere; as keys of the JSON see ./parse.ts.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

export const ITEM_TYPES = [
  'note',
  'text',
  'longtext',
  'integer',
  'decimal',
  'date',
  'time',
  'select_one',
  'select_multiple',
  'likert',
  'acknowledge',
  'calculate',
  'range',
  'rank',
  'datetime',
  'barcode',
  'hidden',
  'meta',
  // Version 3, location (./schema-location.ts)
  ...LOCATION_ITEM_TYPES,
  // Version 3, media
  ...MEDIA_ITEM_TYPES,
] as const satisfies readonly ItemType[];

export const META_KINDS = [
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'email',
  'phonenumber',
  'simserial',
  'subscriberid',
  'audit',
  'instanceID',
  'instanceName',
  // Version 3, location (./schema-location.ts)
  ...LOCATION_META_KINDS,
] as const satisfies readonly MetaKind[];

const text = v.pipe(
  v.string(expected('a text')),
  v.maxLength(INSTRUMENT_LIMITS.text, (i) => `a text of at most ${count(INSTRUMENT_LIMITS.text)} characters, got ${count((i.input as string).length)}`),
);

const nonEmptyText = v.pipe(text, v.minLength(1, 'must not be empty'));

const bool = v.boolean(expected('true or false'));

/** Rejects names on Object.prototype; the shared tail of every name schema. */
const notReserved = v.check(
  (s: string) => !RESERVED_NAMES.has(s),
  (issue) => `'${issue.input}' is reserved (every JavaScript object has it) and cannot be used as a name`,
);

type NameLengthMessage = (issue: v.MaxLengthIssue<string, typeof INSTRUMENT_LIMITS.name>) => string;
const nameLength = v.maxLength<string, typeof INSTRUMENT_LIMITS.name, NameLengthMessage>(
  INSTRUMENT_LIMITS.name,
  (issue) => `a name of at most ${INSTRUMENT_LIMITS.name} characters, got ${count(issue.input.length)}`,
);

/** Item, section, choice-list, Likert-scale and scale names. */
export const nameSchema = v.pipe(
  v.string(expected('a name')),
  nameLength,
  v.regex(NAME_PATTERN, (issue) => `${describe(issue.input)} is not a valid name: use letters, digits, _ . - and start with a letter or _`),
  notReserved,
);

const choiceName = v.pipe(
  v.string(expected('a choice name')),
  v.maxLength(INSTRUMENT_LIMITS.choiceName, (issue) => `a choice name of at most ${count(INSTRUMENT_LIMITS.choiceName)} characters, got ${count((issue.input as string).length)}`),
  v.regex(
    CHOICE_NAME_PATTERN,
    (issue) => `${describe(issue.input)} is not a valid choice name: it must not be empty or start or end with a space`,
  ),
  notReserved,
);

const languageCode = v.pipe(
  v.string(expected('a language code')),
  v.maxLength(35, (issue) => `${describe(issue.input)} is not a language code (like en, ru, kk, pt-BR)`),
  v.regex(LANGUAGE_PATTERN, (issue) => `${describe(issue.input)} is not a language code (like en, ru, kk, pt-BR)`),
  notReserved,
);

/** An expression: checked here as a text only; ./check.ts parses it. */
const expression = text;

export const localizedText = map(languageCode, text, INSTRUMENT_LIMITS.languages, 'texts by language');

// ---------------------------------------------------------------------------------------------
// The format

// Version 3, label media: the files shown with a label, each an attachment's name, by language.
export const LABEL_MEDIA_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_. -]*\.(png|jpe?g|gif|webp|mp3|ogg|oga|wav|m4a|mp4|webm)$/i;
const mediaFileName = v.pipe(
  v.string(expected('a file name')),
  v.maxLength(INSTRUMENT_LIMITS.name + 5, `a file name of at most ${INSTRUMENT_LIMITS.name + 5} characters`),
  v.regex(LABEL_MEDIA_NAME_PATTERN, (i) => `${describe(i.input)} is not a media file's name (a picture, a recording or a video: .png, .jpg, .gif, .webp, .mp3, .ogg, .wav, .m4a, .mp4, .webm; no folders)`),
  notReserved,
);
const mediaByLanguage = map(languageCode, mediaFileName, INSTRUMENT_LIMITS.languages, 'files by language');
const labelMedia = v.object(
  {
    image: v.optional(mediaByLanguage),
    'big-image': v.optional(mediaByLanguage),
    audio: v.optional(mediaByLanguage),
    video: v.optional(mediaByLanguage),
  },
  objectMessage('label media (image, big-image, audio, video)'),
);
// Version 3, label media: end

const choice = v.object(
  {
    name: choiceName,
    label: localizedText,
    attributes: v.optional(map(nameSchema, text, INSTRUMENT_LIMITS.choiceAttributes, 'attributes')),
    // Version 3, label media
    media: v.optional(labelMedia),
  },
  objectMessage('a choice'),
);

const likertScale = v.object(
  {
    points: list(
      v.object(
        {
          value: v.pipe(v.number(expected('a number')), v.finite((i) => `expected a finite number, got ${describe(i.input)}`)),
          label: localizedText,
        },
        objectMessage('a scale point'),
      ),
      INSTRUMENT_LIMITS.likertPoints,
      'points',
      2,
    ),
    nonSubstantive: v.optional(list(choice, INSTRUMENT_LIMITS.nonSubstantive, 'non-substantive answers')),
  },
  objectMessage('a Likert scale'),
);

const whoSchema = v.picklist(['interviewer', 'respondent', 'both'] as const, (issue) => `expected 'interviewer', 'respondent' or 'both', got ${describe(issue.input)}`);
const finiteNumber = v.pipe(v.number(expected('a number')), v.finite((i) => `expected a finite number, got ${describe(i.input)}`));

const rangeParameters = v.object(
  {
    start: finiteNumber,
    end: finiteNumber,
    step: v.pipe(finiteNumber, v.check((n: number) => n > 0, 'the step must be more than 0')),
  },
  objectMessage('range parameters'),
);

// Version 3, media: a file size limit in bytes.
const byteLimit = v.pipe(
  v.number(expected('a number of bytes')),
  v.check(
    (n: number) => Number.isSafeInteger(n) && n >= 1 && n <= MEDIA_LIMITS.maxBytes,
    (i) => `a size limit must be a whole number of bytes from 1 to ${count(MEDIA_LIMITS.maxBytes)}, got ${describe(i.input)}`,
  ),
);

const itemEntries = {
  name: nameSchema,
  type: v.picklist(ITEM_TYPES, (issue) =>
    typeof issue.input === 'string'
      ? `unknown item type ${describe(issue.input)}; expected one of ${ITEM_TYPES.join(', ')}`
      : `expected an item type, got ${describe(issue.input)}`,
  ),
  label: localizedText,
  hint: v.optional(localizedText),
  required: v.optional(bool),
  requiredMessage: v.optional(localizedText),
  relevant: v.optional(expression),
  constraint: v.optional(expression),
  constraintMessage: v.optional(localizedText),
  choices: v.optional(nameSchema),
  choiceFilter: v.optional(expression),
  other: v.optional(bool),
  likert: v.optional(nameSchema),
  calculation: v.optional(expression),
  default: v.optional(text),
  readOnly: v.optional(bool),
  appearance: v.optional(text),
  personal: v.optional(bool),
  note: v.optional(bool),
  added: v.optional(bool),
  who: v.optional(whoSchema),
  guidance: v.optional(localizedText),
  requiredIf: v.optional(expression),
  readOnlyIf: v.optional(expression),
  defaultExpression: v.optional(expression),
  trigger: v.optional(list(nameSchema, INSTRUMENT_LIMITS.trigger, 'trigger items', 1)),
  range: v.optional(rangeParameters),
  meta: v.optional(
    v.picklist(META_KINDS, (issue) =>
      typeof issue.input === 'string'
        ? `unknown metadata ${describe(issue.input)}; expected one of ${META_KINDS.join(', ')}`
        : `expected a metadata kind, got ${describe(issue.input)}`,
    ),
  ),
  parameters: v.optional(map(nameSchema, text, INSTRUMENT_LIMITS.parameters, 'parameters')),
  // Version 3, location (./schema-location.ts)
  ...locationItemEntries,
  // Version 3: repeats
  repeat: v.optional(nameSchema),
  // Version 3, media
  maxBytes: v.optional(v.lazy(() => byteLimit)),
  // Version 3, label media
  media: v.optional(labelMedia),
};

const item = v.object(itemEntries, objectMessage('an item'));

const sectionEntries = {
  name: nameSchema,
  label: localizedText,
  hint: v.optional(localizedText),
  relevant: v.optional(expression),
  items: list(item, INSTRUMENT_LIMITS.items, 'items'),
  who: v.optional(whoSchema),
  guidance: v.optional(localizedText),
  appearance: v.optional(text),
};

const section = v.object(sectionEntries, objectMessage('a section'));

const totalItems = (sections: unknown[]) =>
  sections.reduce<number>((n, s) => n + (isPlainObject(s) && Array.isArray(s.items) ? s.items.length : 0), 0);

const sections = v.pipe(
  list(v.unknown(), INSTRUMENT_LIMITS.sections, 'sections', 1),
  v.check(
    (s) => totalItems(s) <= INSTRUMENT_LIMITS.items,
    (issue) => `at most ${count(INSTRUMENT_LIMITS.items)} items in all sections together, got ${count(totalItems(issue.input as unknown[]))}`,
  ),
  v.array(section),
);

const scale = v.object(
  {
    name: nameSchema,
    label: localizedText,
    items: list(nameSchema, INSTRUMENT_LIMITS.items, 'item names', 1),
    /** May be left out for "none". */
    reversed: v.optional(list(nameSchema, INSTRUMENT_LIMITS.items, 'item names'), () => []),
  },
  objectMessage('a scale'),
);

const consent = v.object({ version: nonEmptyText, text: localizedText }, objectMessage('a consent'));

const recipient = v.pipe(
  v.string(expected('an age recipient')),
  v.regex(RECIPIENT_PATTERN, (issue) => `${describe(issue.input)} is not an age X25519 recipient (age1 and 58 characters)`),
);

// Version 3: external data (attachments) ------------------------------------------------------
/** An attachment's name: a file name without folders, ending in .csv or .xml. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
export const ATTACHMENT_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_. -]*\.(csv|xml)$/i;

const ATTACHMENT_TYPES = [
  'text/csv',
  'application/xml',
  // Version 3, label media: the content is base64.
  ...(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/mp4', 'video/mp4', 'video/webm'] as const satisfies readonly LabelMediaType[]),
] as const;

function attachments() {
  const attachment = v.object(
    {
      name: v.pipe(
        v.string(expected('a file name')),
        v.maxLength(INSTRUMENT_LIMITS.name + 4, `a file name of at most ${INSTRUMENT_LIMITS.name + 4} characters`),
        v.check(
          (name: string) => ATTACHMENT_NAME_PATTERN.test(name) || LABEL_MEDIA_NAME_PATTERN.test(name),
          (i) => `${describe(i.input)} is not an attachment's name (a file name ending in .csv or .xml, or a media file's, without folders)`,
        ),
        notReserved,
      ),
      mediaType: v.picklist(ATTACHMENT_TYPES, (i) => `expected one of ${ATTACHMENT_TYPES.join(', ')}, got ${describe(i.input)}`),
      content: v.string(expected('the file as text')),
      sha256: v.pipe(v.string(expected('a SHA-256')), v.regex(/^[0-9a-f]{64}$/, (i) => `${describe(i.input)} is not a SHA-256 in hex`)),
    },
    objectMessage('an attachment'),
  );
  const size = (list: unknown[]) => list.reduce<number>((n, a) => n + (isPlainObject(a) && typeof a.content === 'string' ? a.content.length : 0), 0);
  return v.pipe(
    list(v.unknown(), INSTRUMENT_LIMITS.attachments, 'attachments'),
    v.check(
      (l) => size(l) <= INSTRUMENT_LIMITS.attachmentText,
      (i) => `attachments of at most ${count(INSTRUMENT_LIMITS.attachmentText)} characters together, got ${count(size(i.input as unknown[]))}`,
    ),
    v.array(attachment),
    v.check(
      (l) => new Set(l.map((a) => a.name.toLowerCase())).size === l.length,
      'two attachments have the same name',
    ),
    // Version 3, label media: a media file is base64, and named as one.
    v.check(
      (l) => l.every((a) => (a.mediaType === 'text/csv' || a.mediaType === 'application/xml' ? ATTACHMENT_NAME_PATTERN.test(a.name) : LABEL_MEDIA_NAME_PATTERN.test(a.name) && BASE64.test(a.content))),
      'an attachment\'s name does not fit its media type, or a media file is not in base64',
    ),
  );
}
const attachmentsAreTyped = (x: v.InferOutput<ReturnType<typeof attachments>>): Attachment[] => x;
void attachmentsAreTyped;
// End of version 3: external data -----------------------------------------------------------
// Version 3: repeats (./repeats.ts) -----------------------------------------------------------
const instanceCount = v.pipe(
  v.number(expected('a number')),
  v.integer((i) => `expected a whole number, got ${describe(i.input)}`),
  v.minValue(0, 'must not be negative'),
  v.maxValue(MAX_INSTANCES, `at most ${count(MAX_INSTANCES)} instances`),
);
const repeatEntries = {
  name: nameSchema,
  label: localizedText,
  hint: v.optional(localizedText),
  parent: v.optional(nameSchema),
  relevant: v.optional(expression),
  count: v.optional(expression),
  loop: v.optional(nameSchema),
  minInstances: v.optional(instanceCount),
  maxInstances: v.optional(instanceCount),
  instanceLabel: v.optional(expression),
  appearance: v.optional(text),
};
const repeat = v.object(repeatEntries, objectMessage('a repeat'));
// End of version 3: repeats ---------------------------------------------------------------------

const instrumentEntries = {
  type: v.literal('dala-instrument'),
  version: v.literal(INSTRUMENT_VERSION),
  id: v.pipe(
    v.string(expected('a study id')),
    nameLength,
    v.regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, (issue) => `${describe(issue.input)} is not a valid study id: use letters, digits, _ . -`),
    notReserved,
  ),
  studyVersion: v.pipe(nonEmptyText, v.maxLength(INSTRUMENT_LIMITS.name, `at most ${INSTRUMENT_LIMITS.name} characters`)),
  title: localizedText,
  description: v.optional(localizedText),
  languages: list(languageCode, INSTRUMENT_LIMITS.languages, 'languages', 1),
  languageNames: v.optional(map(languageCode, text, INSTRUMENT_LIMITS.languages, 'language names')),
  consent: v.optional(consent),
  /** May be left out for "none"; the output always has it. */
  choiceLists: v.optional(
    map(nameSchema, list(choice, INSTRUMENT_LIMITS.choicesPerList, 'choices', 1), INSTRUMENT_LIMITS.choiceLists, 'choice lists'),
    () => ({}),
  ),
  likertScales: v.optional(map(nameSchema, likertScale, INSTRUMENT_LIMITS.likertScales, 'Likert scales'), () => ({})),
  sections,
  scales: v.optional(list(scale, INSTRUMENT_LIMITS.scales, 'scales'), () => []),
  recipients: v.optional(list(recipient, INSTRUMENT_LIMITS.recipients, 'recipients')),
  selfCompletion: v.optional(v.object({ askPersonal: v.optional(bool) }, objectMessage('self-completion settings'))),
  signature: v.optional(
    v.object(
      {
        by: v.pipe(v.string(expected('a public key')), v.regex(/^ed25519:[A-Za-z0-9_-]{43}$/, (i) => `${describe(i.input)} is not a public signing key (ed25519:...)`)),
        value: v.pipe(v.string(expected('a signature')), v.regex(/^[A-Za-z0-9_-]{86}$/, (i) => `${describe(i.input)} is not a signature`)),
      },
      objectMessage('a signature'),
    ),
  ),
  allowChoiceDuplicates: v.optional(bool),
  style: v.optional(text),
  // Version 3: external data (attachments)
  attachments: v.optional(attachments()),
  // Version 3: repeats
  repeats: v.optional(list(repeat, INSTRUMENT_LIMITS.sections, 'repeats')),
  // Version 3, media
  media: v.optional(v.object({ maxBytes: v.optional(byteLimit) }, objectMessage('media settings'))),
};

/**
 * The current format (version 3), applied after migration, so `type` and `version` are literals.
 * ./parse.ts has already checked both with friendlier messages.
 */
export const instrumentSchema = v.object(instrumentEntries, objectMessage('an instrument'));

// ---------------------------------------------------------------------------------------------
// Type-level tests: the schema and types.ts must not drift apart. A field added to `Instrument`,
// `Section` or `Item` without a schema entry (or the reverse) fails the build here.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaCoversTypes: [
  Same<keyof Instrument, keyof typeof instrumentEntries>,
  Same<keyof Section, keyof typeof sectionEntries>,
  Same<keyof Item, keyof typeof itemEntries>,
  Same<keyof Repeat, keyof typeof repeatEntries>,
  Same<ItemType, (typeof ITEM_TYPES)[number]>,
  Same<MetaKind, (typeof META_KINDS)[number]>,
] = [true, true, true, true, true, true];
void schemaCoversTypes;
/** The schema's output is an Instrument (checked where it is used, in ./parse.ts, too). */
export type SchemaOutput = v.InferOutput<typeof instrumentSchema>;
const outputIsInstrument = (x: SchemaOutput): Instrument => x;
void outputIsInstrument;
