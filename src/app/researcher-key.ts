/**
 * The researcher's key file (age-keygen's format, as Dala's "Make a key" or `dala keygen` writes it),
 * read to sign a study before it is shared (docs/security.md, "Signed studies"): its first identity
 * gives the age recipient answers are sealed to and the Ed25519 signing key derived from it. The key
 * is held in memory for the screen that asked for it, never stored.
 */
import { parseIdentityFile, recipientOf } from '../adapters/crypto-age/index';
import { signStudy } from '../core/trust/study';
import { fingerprint, signingKeyFromAgeIdentity, type SigningKey } from '../core/trust/keys';
import type { Instrument } from '../core/instrument/types';

export interface ResearcherKey {
  /** The age recipient (age1...) of the file's first identity. */
  recipient: string;
  signing: SigningKey;
  /** The signing key's fingerprint, as devices show it. */
  fingerprint: string;
}

/** The researcher's key from a key file's text; DalaError 'key' naming the line when it is not one. */
export async function readResearcherKey(text: string, file: string): Promise<ResearcherKey> {
  const [identity] = await parseIdentityFile(text, file);
  const signing = signingKeyFromAgeIdentity(identity!);
  return { recipient: await recipientOf(identity!), signing, fingerprint: fingerprint(signing.publicKey) };
}

/**
 * The study as it leaves this device: sealed to `recipients` and to the signer's own recipient (the
 * researcher signing it can always read its answers), and signed over all of it.
 */
export function signedForSharing(instrument: Instrument, recipients: readonly string[], key: ResearcherKey): Instrument {
  return signStudy({ ...instrument, recipients: [...new Set([...recipients, key.recipient])] }, key.signing);
}
