import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDeviceCard, looksLikeDeviceCard, parseDeviceCard } from '../../../src/core/trust/device-card';
import { newDeviceKey } from '../../../src/core/trust/keys';

const key = newDeviceKey(new Uint8Array(32).fill(3)).publicKey;
const card = { id: 'a0000000-0000-4000-8000-00000000000a', key, label: 'Планшет 3, Astana' };

describe("a device's card, scanned or pasted by the researcher", () => {
  it('reads back what the device wrote, its name in any script', () => {
    const text = formatDeviceCard(card);
    expect(text.startsWith('DALA-DEVICE-1 a0000000-0000-4000-8000-00000000000a ed25519:')).toBe(true);
    expect(looksLikeDeviceCard(`  ${text}\n`)).toBe(true);
    expect(parseDeviceCard(`  ${text}\n`)).toEqual({ ok: true, card });
    expect(parseDeviceCard(formatDeviceCard({ id: card.id, key }))).toEqual({ ok: true, card: { id: card.id, key } });
  });

  it('refuses a card changed in copying, cut short, or crafted, saying what is wrong', () => {
    const text = formatDeviceCard(card);
    const other = newDeviceKey(new Uint8Array(32).fill(4)).publicKey;
    expect(parseDeviceCard(text.replace(key, other))).toMatchObject({ ok: false, message: expect.stringContaining('checksum') });
    expect(parseDeviceCard(text.split(' ').slice(0, 4).join(' '))).toMatchObject({ ok: false, message: expect.stringContaining('5 fields') });
    expect(parseDeviceCard(text.replace('ed25519:', 'ed448:'))).toMatchObject({ ok: false, message: expect.stringContaining('not an Ed25519 public key') });
    expect(parseDeviceCard('DALA-KEY-1 age1...')).toMatchObject({ ok: false });
    expect(parseDeviceCard(`${text} ${'x'.repeat(2000)}`)).toMatchObject({ ok: false, message: expect.stringContaining('at most 1000') });
    expect(parseDeviceCard(text.replace(/ \S+$/, ' %E0%A4%A'))).toMatchObject({ ok: false, message: 'the device name is damaged' });
    expect(parseDeviceCard(formatDeviceCard({ ...card, label: 'a\u0007b' }))).toMatchObject({ ok: false, message: expect.stringContaining('control characters') });
  });

  it('property: any text is a card or a refusal with a message, never a throw; any one character changed is refused or the same card', () => {
    const text = formatDeviceCard(card);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseDeviceCard(s);
        expect(r.ok || r.message.length > 0).toBe(true);
      }),
      { seed: 14, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (at, c) => {
        const changed = text.slice(0, at) + c + text.slice(at + 1);
        const r = parseDeviceCard(changed);
        if (r.ok) expect(formatDeviceCard(r.card).toLowerCase()).toBe(text.toLowerCase());
      }),
      { seed: 15, numRuns: 2000 },
    );
  });
});
