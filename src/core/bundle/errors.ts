/**
 * The error of a bundle refused for one bad record: where it is (file, list, index, id) and what is
 * wrong, besides the message a researcher reads:
 * "bundle a.dala.age, responses[3] (id 5f0c1a2b…): answers.age.value: not a whole number".
 */
import { DalaError } from '../errors';

export interface RecordPlace {
  /** The file, as given to the parser (may be undefined). */
  file?: string;
  list: 'responses' | 'studies' | 'paradata' | 'coding' | 'transcripts';
  index: number;
  /** The record's id when it has a readable one. */
  id?: string;
  /** What is wrong, with its path inside the record: "answers.age.value: not a whole number". */
  reason: string;
}

export class BundleRecordError extends DalaError {
  readonly place: RecordPlace;
  constructor(place: RecordPlace) {
    super('bundle-record', recordMessage(place));
    this.name = 'BundleRecordError';
    this.place = place;
  }
}

/** "bundle a.json" or "bundle". */
export function bundleName(file: string | undefined): string {
  return file === undefined ? 'bundle' : `bundle ${file}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID as its first 8 characters and an ellipsis: enough to find it, short enough to read. */
export function shortId(id: string): string {
  return UUID.test(id) ? `${id.slice(0, 8)}\u2026` : id;
}

function recordMessage(p: RecordPlace): string {
  const id = p.id === undefined ? '' : ` (id ${shortId(p.id)})`;
  return `${bundleName(p.file)}, ${p.list}[${p.index}]${id}: ${p.reason}`;
}
