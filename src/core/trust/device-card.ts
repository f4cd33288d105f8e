/**
 * A device's card: what a researcher needs to accept a device ahead of its first file (docs/security.md,
 * "Signed bundles from known devices"). The device shows it in Settings as a QR code and as text to
 * copy; the researcher scans or pastes it, checks the name and fingerprint, and accepts the device.
 *
 *   DALA-DEVICE-1 <device id> <ed25519:public key> <CRC-32 of the three fields, 8 hex> <name, percent-encoded, or ->
 *
 * The CRC catches a card damaged in copying; the fingerprint, read by a person on both screens, is
 * what makes the key the device's.
 */
import { crc32 } from '../link/crc32';
import { utf8 } from '../bundle/canonical';
import { publicKeyBytes } from './keys';

export const DEVICE_CARD_PREFIX = 'DALA-DEVICE-1';
const MAX_CARD = 1000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_LABEL = 80;

export interface DeviceCard {
  id: string;
  /** `ed25519:...` */
  key: string;
  label?: string;
}

export type ParsedDeviceCard = { ok: true; card: DeviceCard } | { ok: false; message: string };

const check = (id: string, key: string, label: string) => crc32(utf8(`${id} ${key} ${label}`)).toString(16).padStart(8, '0');

export function formatDeviceCard(card: DeviceCard): string {
  const label = card.label ?? '';
  return `${DEVICE_CARD_PREFIX} ${card.id} ${card.key} ${check(card.id, card.key, label)} ${label ? encodeURIComponent(label) : '-'}`;
}

/** Whether scanned or pasted text is meant as a device card (then `parseDeviceCard` says if it is one). */
export function looksLikeDeviceCard(text: string): boolean {
  return text.trim().startsWith(`${DEVICE_CARD_PREFIX} `);
}

export function parseDeviceCard(text: string): ParsedDeviceCard {
  const t = text.trim();
  if (t.length > MAX_CARD) return { ok: false, message: `a device card has at most ${MAX_CARD} characters; this text has ${t.length}` };
  const fields = t.split(/\s+/);
  if (fields[0] !== DEVICE_CARD_PREFIX) return { ok: false, message: `not a device card: it starts with "${DEVICE_CARD_PREFIX}"` };
  if (fields.length !== 5) return { ok: false, message: `a device card has 5 fields; this one has ${fields.length}: was it copied in full?` };
  const [, id, key, crc, encoded] = fields as [string, string, string, string, string];
  if (!ID.test(id)) return { ok: false, message: 'the device id is not one a Dala makes' };
  if (!publicKeyBytes(key)) return { ok: false, message: 'the device key is not an Ed25519 public key (ed25519:...)' };
  let label = '';
  if (encoded !== '-') {
    try {
      label = decodeURIComponent(encoded);
    } catch {
      return { ok: false, message: 'the device name is damaged' };
    }
    if (label.length > MAX_LABEL || /[\u0000-\u001f\u007f]/.test(label)) return { ok: false, message: `the device name has control characters or more than ${MAX_LABEL} characters` };
  }
  if (crc.toLowerCase() !== check(id, key, label)) return { ok: false, message: 'the card does not match its checksum: it was changed or damaged in copying; copy or scan it again' };
  return { ok: true, card: { id, key, ...(label ? { label } : {}) } };
}
