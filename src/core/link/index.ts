/**
 * A study without a server: as a link (the study in the URL fragment), as a QR code of that link,
 * with a referral for snowball sampling; a long link as a sequence of QR codes; the researcher's key
 * as it travels to a tablet. docs/links.md describes the format. This file only re-exports.
 */
export { decodeStudyLink, encodeStudyLink, withReferral, STUDY_ROUTE, type DecodedStudyLink, type EncodeOptions } from './link';
export { LinkError, type LinkFailure } from './link-error';
export { LINK_LIMITS, QR_MAX_BYTES } from './limits';
export { LINK_FORMAT } from './payload';
export { qrCode, studyQr, QR_QUIET_ZONE, type StudyQr } from './qr';
export {
  addPart,
  MAX_PARTS,
  missingParts,
  PART_MAX_BYTES,
  parsePart,
  PARTS_PREFIX,
  splitIntoParts,
  type AddOutcome,
  type LinkPart,
  type PartFailure,
  type PartsCollection,
  type PartsStudy,
} from './parts';
export {
  checkRecipient,
  formatResearcherKey,
  KEY_PREFIX,
  MAX_KEY_TEXT,
  parseRecipientList,
  parseResearcherKey,
  type KeyFailure,
  type ParsedKey,
  type ParsedRecipients,
  type ResearcherKey,
} from './researcher-key';
export { scannedKind, type ScannedKind } from './scanned';
export {
  formatReferral,
  MAX_WAVE,
  nextReferral,
  parseReferral,
  REFERRAL_ALPHABET,
  REFERRAL_CODE_LENGTH,
  type Referral,
} from './referral';
