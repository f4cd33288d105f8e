import type { MessageKey } from '../../app/i18n';
import type { AcceptedStudy } from '../../app/dala';

/** What a person reads when a study from elsewhere is refused by its signature (the English detail aside). */
export const STUDY_REFUSED: Record<Extract<AcceptedStudy, { ok: false }>['reason'], MessageKey> = {
  unsigned: 'linkErrUnsigned',
  forged: 'linkErrForged',
  'other-signer': 'linkErrOtherSigner',
  changed: 'linkErrChanged',
};
