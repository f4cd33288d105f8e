/**
 * age keys: X25519 identities (the researcher's secret key, `AGE-SECRET-KEY-1...`) and recipients
 * (its public half, `age1...`), and identity files in `age-keygen`'s format:
 *
 *     # created: 2024-05-01T10:00:00Z
 *     # public key: age1...
 *     AGE-SECRET-KEY-1...
 *
 * Only X25519 keys: the post-quantum hybrid keys (`age1pq1...`, `AGE-SECRET-KEY-PQ-1...`) cannot be
 * read by age 1.1.1, the CLI researchers have, so Dala neither writes to them nor reads with them.
 * Messages never include a secret key.
 */
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { DalaError } from '../../core/errors';

/** An age X25519 recipient: "age1" and 58 bech32 characters. */
export const RECIPIENT_PATTERN = /^age1[02-9ac-hj-np-z]{58}$/;
/** An age X25519 identity: "AGE-SECRET-KEY-1" and 58 bech32 characters, upper case. */
export const IDENTITY_PATTERN = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

const PQ_RECIPIENT = 'post-quantum recipients (age1pq1...) are not supported: age 1.1.1 cannot read files encrypted to them; use an X25519 recipient (age1... from age-keygen or dala keygen)';
const PQ_IDENTITY = 'post-quantum identities (AGE-SECRET-KEY-PQ-1...) are not supported; use an X25519 identity (age-keygen or dala keygen)';

export interface GeneratedIdentity {
  identity: string;
  recipient: string;
}

/** A new X25519 identity and its recipient. */
export async function generateIdentity(): Promise<GeneratedIdentity> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The identity file as age-keygen writes it; `created` is the time to record (seconds, UTC). */
export function identityFileText(id: GeneratedIdentity, created: Date): string {
  const iso = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `# created: ${iso}\n# public key: ${id.recipient}\n${id.identity}\n`;
}

/** The recipient of an identity, or DalaError 'key'. */
export async function recipientOf(identity: string): Promise<string> {
  if (identity.startsWith('AGE-SECRET-KEY-PQ-1')) throw new DalaError('key', PQ_IDENTITY);
  if (!IDENTITY_PATTERN.test(identity)) throw new DalaError('key', 'not an age X25519 identity (AGE-SECRET-KEY-1...)');
  try {
    return await identityToRecipient(identity);
  } catch {
    throw new DalaError('key', 'not a valid age identity: its checksum does not match (was it copied in full?)');
  }
}

/**
 * The identities of an identity file (age-keygen's format; several keys allowed). Comments (#) and
 * blank lines are ignored. Throws DalaError 'key' naming the line of anything else.
 */
export async function parseIdentityFile(text: string, file = 'identity file'): Promise<string[]> {
  const out: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `${file}, line ${i + 1}`;
    if (line.startsWith('AGE-PLUGIN-')) throw new DalaError('key', `${where}: age plugin identities are not supported`);
    try {
      await recipientOf(line);
    } catch (e) {
      if (e instanceof DalaError) throw new DalaError('key', `${where}: ${e.message}`);
      throw e;
    }
    out.push(line);
  }
  if (out.length === 0) throw new DalaError('key', `${file}: no age identity in it (expected a line AGE-SECRET-KEY-1...)`);
  return out;
}

/** Checks a recipient string: an X25519 recipient, or DalaError 'key' with the reason. */
export function checkRecipient(recipient: string): string {
  const r = recipient.trim();
  if (r.startsWith('age1pq1')) throw new DalaError('key', PQ_RECIPIENT);
  if (!RECIPIENT_PATTERN.test(r)) {
    const shown = r.length > 20 ? `${r.slice(0, 20)}...` : r;
    throw new DalaError('key', `'${shown}' is not an age X25519 recipient (age1 and 58 characters)`);
  }
  return r;
}
