/**
 * Signing keys (docs/security.md): Ed25519, from @noble/curves (pure TypeScript, synchronous, the same
 * in the browser, a worker and Node).
 *
 * - The researcher's signing key is derived from their age identity (the `AGE-SECRET-KEY-1...` they
 *   already keep): HKDF-SHA-256 of its 32 secret bytes, so the one key file they guard opens the
 *   bundles and signs the studies, and nothing new has to be kept safe. A study (in a link, a file or
 *   a bundle) carries the researcher's signature; merged bundles the researcher writes carry it too.
 * - Each device makes a key of its own on first start; its bundles carry its signature inside the
 *   encryption, and the researcher accepts a device once, by its fingerprint.
 *
 * A public key is written `ed25519:` and 43 base64url characters. Its **fingerprint** is what people
 * compare: 16 characters of base32 (no 0 O 1 I L U) in four groups, `K7M2-QX4B-9SEE-6RTA`, taken from
 * SHA-256 of the key, enough that no one can make a second key with the same fingerprint.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bech32 } from '@scure/base';
import { fromBase64Url, toBase64Url } from '../link/base64url';
import { utf8 } from '../bundle/canonical';

export const PUBLIC_KEY_PREFIX = 'ed25519:';
/** A public signing key as written in studies, bundles and device lists. */
export const PUBLIC_KEY_PATTERN = /^ed25519:[A-Za-z0-9_-]{43}$/;

export interface SigningKey {
  /** The 32-byte Ed25519 seed. Never written anywhere but the device's own store. */
  secret: Uint8Array;
  /** `ed25519:...`. */
  publicKey: string;
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'; // 30 letters and digits, none easily confused

/** The fingerprint people compare: 16 characters in groups of four. */
export function fingerprint(publicKey: string): string {
  const digest = sha256(utf8(publicKey));
  let out = '';
  // 16 characters from 16 bytes: each byte taken modulo 30 (a bias people cannot exploit by reading).
  for (let i = 0; i < 16; i++) out += ALPHABET[digest[i]! % ALPHABET.length];
  return out.match(/.{4}/g)!.join('-');
}

export function publicKeyText(pub: Uint8Array): string {
  return PUBLIC_KEY_PREFIX + toBase64Url(pub);
}

/** The 32 bytes of a public key written `ed25519:...`, or null when it is not one. */
export function publicKeyBytes(text: string): Uint8Array | null {
  if (!PUBLIC_KEY_PATTERN.test(text)) return null;
  const decoded = fromBase64Url(text.slice(PUBLIC_KEY_PREFIX.length));
  return decoded.ok && decoded.canonical && decoded.bytes.length === 32 ? decoded.bytes : null;
}

export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new Error('a signing key seed has 32 bytes');
  return { secret: seed, publicKey: publicKeyText(ed25519.getPublicKey(seed)) };
}

/** A new device key from 32 random bytes (pass crypto.getRandomValues' output in). */
export function newDeviceKey(random32: Uint8Array): SigningKey {
  return signingKeyFromSeed(random32);
}

/**
 * The researcher's signing key, derived from their age identity (`AGE-SECRET-KEY-1...`). Throws when
 * the text is not an X25519 identity with a valid checksum.
 */
export function signingKeyFromAgeIdentity(identity: string): SigningKey {
  const lower = identity.trim().toLowerCase();
  if (!lower.startsWith('age-secret-key-1')) throw new Error('not an age X25519 identity (AGE-SECRET-KEY-1...)');
  const decoded = bech32.decode(lower as `${string}1${string}`, 1000);
  const secret = bech32.fromWords(decoded.words);
  if (decoded.prefix !== 'age-secret-key-' || secret.length !== 32) throw new Error('not an age X25519 identity (AGE-SECRET-KEY-1...)');
  const seed = hkdf(sha256, secret, utf8('dala-signing-key'), utf8('studies, bundles and receipts, version 1'), 32);
  return signingKeyFromSeed(seed);
}

/** An Ed25519 signature of `message`, base64url. */
export function sign(key: SigningKey, message: Uint8Array): string {
  return toBase64Url(ed25519.sign(message, key.secret));
}

/** Whether `signature` (base64url) is `publicKey`'s signature of `message`. Never throws. */
export function verify(publicKey: string, message: Uint8Array, signature: string): boolean {
  const pub = publicKeyBytes(publicKey);
  if (!pub || !/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  const sig = fromBase64Url(signature);
  if (!sig.ok || !sig.canonical || sig.bytes.length !== 64) return false;
  try {
    return ed25519.verify(sig.bytes, message, pub);
  } catch {
    return false;
  }
}

/** SHA-256 of a text's UTF-8, what signatures are made over (a fixed 32 bytes, however long the text). */
export function digestOf(text: string): Uint8Array {
  return sha256(utf8(text));
}
