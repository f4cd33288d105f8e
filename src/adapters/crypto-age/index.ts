/** age encryption of bundles, keys, and opening a bundle file (docs/bundle-format.md). This file only re-exports. */
export {
  decryptBundle,
  encryptBundle,
  isAgeFile,
  isArmored,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_WORK_FACTOR,
  MIN_ENCRYPT_WORK_FACTOR,
  type DecryptKeys,
  type DecryptOptions,
  type EncryptTo,
} from './crypto';
export { checkRecipient, generateIdentity, identityFileText, parseIdentityFile, recipientOf, IDENTITY_PATTERN, RECIPIENT_PATTERN, type GeneratedIdentity } from './keys';
export { readAgeHeader, summarizeStanzas, decodeBase64Canonical, AGE_V1_LINE, ARMOR_BEGIN, type AgeHeader, type AgeStanza } from './header';
export { formForCsv, openBundleFile, type OpenOptions } from './open';
