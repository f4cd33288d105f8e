/**
 * The error of a study link that cannot be opened. `reason` says which check refused it, so the UI
 * can say it in the respondent's language; `message` says it in English, with what to do.
 */
import { DalaError, type Problem } from '../errors';

export type LinkFailure =
  | 'not-a-link' // no "#/s/" route: some other address, or a fragment cut before the study
  | 'too-long' // above LINK_LIMITS.maxLinkChars / maxPayloadChars
  | 'incomplete' // the study part is empty or cut off
  | 'version' // a link format this Dala does not read (newer, or the first character changed)
  | 'characters' // a character that base64url never has
  | 'damaged' // the compressed study does not unpack
  | 'too-large' // unpacks to more than LINK_LIMITS.maxJsonBytes (a deflate bomb)
  | 'checksum' // unpacks, but not to what was packed: changed or damaged
  | 'json' // checksum right, but not JSON (only a crafted link gets here)
  | 'instrument' // JSON, but not a valid instrument (see `problems`)
  // The study itself, judged by its researcher's signature (../trust/study.ts, judgeStudy):
  | 'unsigned' // no researcher's signature
  | 'forged' // a signature that does not match: changed on the way
  | 'other-signer' // this device holds the study id from another researcher
  | 'changed'; // the device holds this id and version with other questions

export class LinkError extends DalaError {
  readonly reason: LinkFailure;
  /** For `instrument`: what parseInstrument found. Empty otherwise. */
  readonly problems: Problem[];
  constructor(reason: LinkFailure, message: string, options?: { cause?: unknown; problems?: Problem[] }) {
    super('link', message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LinkError';
    this.reason = reason;
    this.problems = options?.problems ?? [];
  }
}

const AGAIN = 'Ask for the link again.';

/** "This study link is damaged or incomplete: <what>. Ask for the link again." */
export function damaged(reason: LinkFailure, what: string, options?: { cause?: unknown }): LinkError {
  return new LinkError(reason, `This study link is damaged or incomplete: ${what}. ${AGAIN}`, options);
}
