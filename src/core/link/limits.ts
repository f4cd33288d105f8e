/** The caps a study link is read under. A link is untrusted input: anyone can write one. */
export const LINK_LIMITS = {
  /**
   * Most characters of the payload (after "#/s/"): 64 KB of text, about 48 KB compressed. The demo
   * study needs about 15,000; a study above the cap travels as a file.
   */
  maxPayloadChars: 65_536,
  /** Most characters of a whole link or fragment handed to decodeStudyLink (payload, address, referral). */
  maxLinkChars: 65_536 + 8_192,
  /**
   * Most bytes the payload may unpack to: the demo study is 44 KB of JSON, a 500-question form about
   * 400 KB. Deflate can expand about 1,000-fold, so without this cap 48 KB could become 48 MB.
   */
  maxJsonBytes: 2 * 1024 * 1024,
} as const;

/** QR code version 40 at error correction L holds 2,953 bytes in byte mode (ISO/IEC 18004, table 7). */
export const QR_MAX_BYTES = 2953;
