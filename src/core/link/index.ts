/**
 * A study without a server: as a link (the study in the URL fragment), as a QR code of that link,
 * with a referral for snowball sampling. docs/links.md describes the format. This file only re-exports.
 */
export { decodeStudyLink, encodeStudyLink, withReferral, STUDY_ROUTE, type DecodedStudyLink, type EncodeOptions } from './link';
export { LinkError, type LinkFailure } from './link-error';
export { LINK_LIMITS, QR_MAX_BYTES } from './limits';
export { LINK_FORMAT } from './payload';
export { studyQr, QR_QUIET_ZONE, type StudyQr } from './qr';
export {
  formatReferral,
  MAX_WAVE,
  nextReferral,
  parseReferral,
  REFERRAL_ALPHABET,
  REFERRAL_CODE_LENGTH,
  type Referral,
} from './referral';
