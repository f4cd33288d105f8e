/**
 * Label media (instrument format version 3, "Label media"; docs/xlsform.md, "Media"): the `image`,
 * `big-image`, `audio` and `video` columns (also written `media::image`, and per language
 * `image::English (en)`) of the survey and choices sheets name files given with the form, shown
 * with the label. Read here into an item's or a choice's `media`; the files themselves become
 * attachments (base64) once the whole form is read (`attachLabelMedia`).
 *
 * A file named that is not among the form's files is a warning naming the row and the column: the
 * form still opens and the text label is shown. A media file given that no row names is left out
 * with a warning.
 */
import { base64Encode } from '../expr/groups/digest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { INSTRUMENT_LIMITS, LABEL_MEDIA_NAME_PATTERN, RESERVED_NAMES } from '../instrument/schema';
import { type Attachment, type Instrument, LABEL_MEDIA_KINDS, type LabelMedia, type LabelMediaKind, type LabelMediaType } from '../instrument/types';
import type { FormFile } from './external';
import type { Problems, Where } from './problems';
import { type Column, type Table, cellText } from './table';
import type { SheetRow } from './workbook';

/** Where a row names a file: kept until the form's files are known. */
export interface MediaRef {
  file: string;
  where: Where;
}

export interface MediaColumn {
  column: Column;
  kind: LabelMediaKind;
}

const TYPES: ReadonlyMap<string, LabelMediaType> = new Map([
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
  ['mp3', 'audio/mpeg'],
  ['ogg', 'audio/ogg'],
  ['oga', 'audio/ogg'],
  ['wav', 'audio/wav'],
  ['m4a', 'audio/mp4'],
  ['mp4', 'video/mp4'],
  ['webm', 'video/webm'],
]);

/** The media type of a label media file by its name, or undefined when it is not one. */
export function labelMediaType(fileName: string): LabelMediaType | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext ? TYPES.get(ext) : undefined;
}

/** The media columns of a sheet: `image`, `media::image`, `image::en` ... */
export function mediaColumns(table: Table): MediaColumn[] {
  const out: MediaColumn[] = [];
  for (const column of table.columns) {
    const key = column.key.startsWith('media::') ? column.key.slice('media::'.length) : column.key;
    const kind = LABEL_MEDIA_KINDS.find((k) => k === key);
    if (kind) out.push({ column, kind });
  }
  return out;
}

/** Whether a column is a media column (read by this module, not reported as unknown). */
export function isMediaColumn(column: Column): boolean {
  const key = column.key.startsWith('media::') ? column.key.slice('media::'.length) : column.key;
  return (LABEL_MEDIA_KINDS as readonly string[]).includes(key);
}

/**
 * A row's label media, by kind and language (a column without a language gives the default one;
 * one with a language wins over it). Every name read is added to `refs` with its cell.
 */
export function readLabelMedia(
  row: SheetRow,
  columns: readonly MediaColumn[],
  defaultLanguage: string,
  where: (c: Column) => Where,
  refs: MediaRef[],
  problems: Problems,
): LabelMedia | undefined {
  let out: LabelMedia | undefined;
  for (const { column, kind } of columns) {
    const file = cellText(row, column);
    if (!file) continue;
    const lang = column.language?.code ?? defaultLanguage;
    if (RESERVED_NAMES.has(lang)) continue;
    if (!LABEL_MEDIA_NAME_PATTERN.test(file) || file.length > INSTRUMENT_LIMITS.name + 5 || RESERVED_NAMES.has(file)) {
      problems.warn(
        where(column),
        `'${file}' is not read: a media file is named without folders and ends in .png, .jpg, .gif, .webp, .mp3, .ogg, .wav, .m4a, .mp4 or .webm (the text label is shown)`,
      );
      continue;
    }
    out ??= {};
    const byLang = (out[kind] ??= {});
    if (byLang[lang] === undefined || column.language) byLang[lang] = file;
    refs.push({ file, where: where(column) });
  }
  return out;
}

/**
 * The named files that were given become attachments; a name not given is warned about by its row
 * and column and dropped from the instrument (its text label shows). Given media files no row names
 * are left out with a warning. Changes `instrument` in place.
 */
export function attachLabelMedia(instrument: Instrument, refs: readonly MediaRef[], files: readonly FormFile[], problems: Problems): void {
  const given = new Map<string, FormFile>();
  for (const f of files) if (labelMediaType(f.name)) given.set(f.name.toLowerCase(), f);
  const missing = new Set<string>();
  const used = new Map<string, FormFile>();
  for (const ref of refs) {
    const f = given.get(ref.file.toLowerCase());
    if (f) {
      used.set(f.name.toLowerCase(), f);
      continue;
    }
    missing.add(ref.file);
    problems.warn(ref.where, `the form shows the file '${ref.file}', which is not among its files: its text label is shown instead (give the file with the form: a folder, a .zip, or the files together)`);
  }
  for (const f of given.values()) {
    if (!used.has(f.name.toLowerCase())) problems.warn({ sheet: f.name }, `file '${f.name}' is not read: no label of the form shows it`);
  }
  // Names as given (a row may write Logo.PNG for logo.png): the attachment's name is the file's.
  const rename = (file: string): string | undefined => (missing.has(file) ? undefined : used.get(file.toLowerCase())?.name);
  const fix = (media: LabelMedia | undefined): LabelMedia | undefined => {
    if (!media) return undefined;
    let out: LabelMedia | undefined;
    for (const kind of LABEL_MEDIA_KINDS) {
      for (const [lang, file] of Object.entries(media[kind] ?? {})) {
        const name = rename(file);
        if (!name) continue;
        out ??= {};
        (out[kind] ??= {})[lang] = name;
      }
    }
    return out;
  };
  for (const section of instrument.sections) {
    for (const item of section.items) {
      const media = fix(item.media);
      if (media) item.media = media;
      else delete item.media;
    }
  }
  for (const list of Object.values(instrument.choiceLists)) {
    for (const choice of list) {
      const media = fix(choice.media);
      if (media) choice.media = media;
      else delete choice.media;
    }
  }
  if (!used.size) return;
  const attachments: Attachment[] = [...used.values()].map((f) => ({
    name: f.name,
    mediaType: labelMediaType(f.name)!,
    content: base64Encode(f.bytes),
    sha256: bytesToHex(sha256(f.bytes)),
  }));
  instrument.attachments = [...(instrument.attachments ?? []), ...attachments];
}
