/**
 * What a scanned QR code holds, by its first characters, so a scanner waiting for one thing can say
 * clearly what it got instead ("this is a researcher's key, not a study"). Only a guess from the
 * form: the parsers (parseResearcherKey, addPart, decodeStudyLink) decide.
 */
export type ScannedKind = 'key' | 'study-part' | 'study-link' | 'other';

export function scannedKind(text: string): ScannedKind {
  const t = text.trim();
  if (/^DALA-PARTS-/i.test(t)) return 'study-part';
  if (/^DALA-KEY-/i.test(t) || /^age1/i.test(t)) return 'key';
  if (t.includes('#/s/')) return 'study-link';
  return 'other';
}
