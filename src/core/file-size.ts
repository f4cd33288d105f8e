/**
 * The size cap on a file Dala reads as input (a bundle, encrypted or not, a CSV of responses). It is
 * checked from the file's size before the file is read (the CLI: stat; the app: File.size), so a
 * huge file costs nothing: reading a 1 GB file whole before refusing it took 2.1 GB of memory.
 */
import { DalaError } from './errors';

/** A 200 MB bundle, armored (4/3 larger), with room to spare. */
export const MAX_INPUT_BYTES = 300_000_000;

/** DalaError 'too-large' naming the file when `size` is above `max`; null when it is within. */
export function tooLarge(file: string, size: number, max: number = MAX_INPUT_BYTES): DalaError | null {
  if (size <= max) return null;
  return new DalaError('too-large', `${file}: ${size.toLocaleString('en-US')} bytes; Dala reads files of up to ${max.toLocaleString('en-US')}`);
}
