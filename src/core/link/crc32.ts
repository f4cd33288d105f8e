/**
 * CRC-32 (IEEE 802.3, the one zip and PNG use) of a byte array: the check a study link carries so
 * that a changed or damaged link is refused instead of opening a different study. Not a signature:
 * anyone can compute it, so it catches accidents, not a deliberate edit.
 */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]!;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
