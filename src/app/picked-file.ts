/**
 * Reading a file the user picked (or dropped): its size is checked first, so a file above the cap is
 * refused without being read, and a file the browser cannot read (cut short, damaged, changed or
 * moved after it was chosen: Chromium says "NotReadableError" or "Failed to fetch") gets a message
 * that says so and names it.
 */
import { DalaError } from '../core/errors';
import { tooLarge } from '../core/file-size';

/** What of a File this needs (a File is one). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The file's bytes; DalaError 'too-large' or 'unreadable' naming it. */
export async function readPickedFile(file: PickedFile, maxBytes: number): Promise<Uint8Array> {
  const large = tooLarge(file.name, file.size, maxBytes);
  if (large) throw large;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw new DalaError(
      'unreadable',
      `${file.name}: the file could not be read: it is cut short or damaged, or it was changed or moved after it was chosen. Choose it again; if that fails too, copy it again from where it came from.`,
      { cause: e },
    );
  }
  if (bytes.length < file.size) {
    throw new DalaError(
      'unreadable',
      `${file.name}: the file is cut short: only ${bytes.length.toLocaleString('en-US')} of its ${file.size.toLocaleString('en-US')} bytes could be read. Choose it again, or copy it again from where it came from.`,
    );
  }
  const grown = tooLarge(file.name, bytes.length, maxBytes);
  if (grown) throw grown;
  return bytes;
}
