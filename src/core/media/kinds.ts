/**
 * Media items (instrument format version 3, docs/instrument-format.md "Media"): which item types hold
 * a file, what each accepts, and the size limit that applies. Pure: the browser's file pickers, the
 * recorder and the blob store (src/adapters/media/, src/adapters/storage-idb/blobs.ts) ask here.
 *
 * An answer to a media item never holds the bytes: its `value` is the file's name (as ODK writes it,
 * and as CSV shows it) and its `media` is a `MediaRef` (./ref.ts) to the blob kept apart.
 */
import type { Instrument, Item, ItemType } from '../instrument/types';
import { parseAnswerKey } from '../responses/answer-key';
/** 1,234: a whole number as the messages write it. */
const count = (n: number) => n.toLocaleString('en-US');

export const MEDIA_ITEM_TYPES = ['image', 'audio', 'video', 'file', 'background-audio'] as const satisfies readonly ItemType[];
export type MediaItemType = (typeof MEDIA_ITEM_TYPES)[number];

export const MEDIA_LIMITS = {
  /** The largest size limit a study may set: 4 GiB (hours of audio, minutes of video). */
  maxBytes: 4 * 1024 ** 3,
  /** Without a limit from the study: 100 MB for a picture or a file, 2 GB for a recording. */
  defaultImageBytes: 100 * 1024 ** 2,
  defaultRecordingBytes: 2 * 1024 ** 3,
  /** Characters of a stored file name. */
  name: 200,
  /** Characters of a MIME type. */
  type: 127,
} as const;

export function isMediaType(type: ItemType): type is MediaItemType {
  return (MEDIA_ITEM_TYPES as readonly string[]).includes(type);
}

/** The item's appearances, as words ("new", "signature", ...). */
export function appearances(item: Pick<Item, 'appearance'>): string[] {
  return (item.appearance ?? '').split(/\s+/).filter(Boolean);
}

/** How an image item is answered: a picture (taken or chosen), or drawn on a pad. */
export type ImageMode = 'picture' | 'signature' | 'draw' | 'annotate';

export function imageMode(item: Pick<Item, 'appearance'>): ImageMode {
  const a = appearances(item);
  if (a.includes('signature')) return 'signature';
  if (a.includes('draw')) return 'draw';
  if (a.includes('annotate')) return 'annotate';
  return 'picture';
}

/** `new` (XLSForm) or `capture`: take the picture or recording now, do not choose a stored file. */
export function capturesOnly(item: Pick<Item, 'appearance'>): boolean {
  const a = appearances(item);
  return a.includes('new') || a.includes('capture') || a.includes('new-front');
}

/** The `accept` attribute of a file input for the item (MIME patterns). */
export function acceptOf(type: MediaItemType): string {
  switch (type) {
    case 'image':
      return 'image/*';
    case 'audio':
    case 'background-audio':
      return 'audio/*';
    case 'video':
      return 'video/*';
    case 'file':
      return '';
  }
}

/** Whether a file's MIME type fits the item (`file` takes anything; an unknown type passes for `file` only). */
export function typeFits(type: MediaItemType, mime: string): boolean {
  const main = mime.split('/')[0]?.toLowerCase() ?? '';
  switch (type) {
    case 'image':
      return main === 'image';
    case 'audio':
    case 'background-audio':
      // A recording made by video MediaRecorder in audio-only mode may say video/webm.
      return main === 'audio' || mime.toLowerCase().startsWith('video/webm');
    case 'video':
      return main === 'video';
    case 'file':
      return true;
  }
}

/** The item's size limit in bytes: its own, else the study's, else the default for its type. */
export function maxBytesOf(instrument: Pick<Instrument, 'media'>, item: Pick<Item, 'maxBytes' | 'type'>): number {
  if (item.maxBytes !== undefined) return item.maxBytes;
  if (instrument.media?.maxBytes !== undefined) return instrument.media.maxBytes;
  return item.type === 'image' || item.type === 'file' ? MEDIA_LIMITS.defaultImageBytes : MEDIA_LIMITS.defaultRecordingBytes;
}

/** `max-pixels` from the item's parameters: the longest side of a picture after scaling, or null. */
export function maxPixelsOf(item: Pick<Item, 'parameters'>): number | null {
  const raw = item.parameters?.['max-pixels'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** "2.5 MB": a size for a message. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${count(n)} bytes`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * Why a file cannot be the answer to the item, or null when it can: over the size limit, or of a
 * type the item does not take. The message names the file, its size and the limit.
 */
export function checkMediaFile(
  instrument: Pick<Instrument, 'media'>,
  item: Pick<Item, 'maxBytes' | 'type' | 'name'>,
  file: { name: string; size: number; type: string },
): string | null {
  if (!isMediaType(item.type)) return `${item.name} does not take a file`;
  const limit = maxBytesOf(instrument, item);
  if (file.size > limit) return `the file ${file.name} is ${formatBytes(file.size)}; this question takes files of at most ${formatBytes(limit)}`;
  if (file.size === 0) return `the file ${file.name} is empty`;
  if (!typeFits(item.type, file.type)) return `the file ${file.name} is ${file.type || 'of an unknown type'}; this question takes ${acceptOf(item.type) || 'any file'}`;
  return null;
}

/** A file extension for a MIME type (for the stored file name), "bin" when unknown. */
export function extensionOf(mime: string): string {
  const t = mime.toLowerCase().split(';')[0]!.trim();
  const known: Record<string, string> = {
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/webp': 'webp',
    'image/gif': 'gif',
    'audio/webm': 'webm',
    'audio/ogg': 'ogg',
    'audio/mp4': 'm4a',
    'audio/mpeg': 'mp3',
    'audio/wav': 'wav',
    'video/webm': 'webm',
    'video/mp4': 'mp4',
    'application/pdf': 'pdf',
  };
  return known[t] ?? 'bin';
}

/**
 * The stored file name of an answer: `<item>-<first 8 of id>.<ext>`. Unique within a response and
 * safe on every file system (what `dala csv` writes beside the data, what CSV names). An answer in a
 * repeat instance (`member[x]/photo`) is named by its item (`photo-...`): no brackets or slashes.
 */
export function storedName(item: string, id: string, mime: string, original?: string): string {
  item = parseAnswerKey(item)?.item || item.replace(/[^A-Za-z0-9_.-]/g, '_');
  const fromOriginal = original ? /\.([A-Za-z0-9]{1,8})$/.exec(original)?.[1]?.toLowerCase() : undefined;
  const ext = extensionOf(mime) !== 'bin' ? extensionOf(mime) : (fromOriginal ?? 'bin');
  return `${item}-${id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)}.${ext}`;
}
