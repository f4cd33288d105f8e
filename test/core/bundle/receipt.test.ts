import { describe, expect, it } from 'vitest';
import { isReceived, makeReceipt, parseReceipt, receiptFileName, receivedIndex } from '../../../src/core/bundle/index';
import { DalaError } from '../../../src/core/errors';

const ID1 = '5f0c1a2b-9d3e-4c1a-8f00-3b1e2d4c5a01';
const ID2 = '7c2e4b10-0000-4000-8000-000000000002';
const receipt = makeReceipt({
  receiptId: 'c0000000-0000-4000-8000-0000000000a1',
  createdAt: '2026-12-01T10:00:00.000Z',
  by: { id: 'laptop', label: 'Researcher' },
  files: ['tablet-a.dala.age'],
  received: [
    { id: ID2, vv: { a: 3, b: 1 } },
    { id: ID1, vv: { a: 5 } },
    { id: ID1, vv: { a: 5 } },
  ],
});

describe('receipts: what the researcher received, so a tablet removes only that', () => {
  it('lists each response and revision once, sorted, and round-trips through JSON', () => {
    expect(receipt.received).toEqual([{ id: ID1, vv: { a: 5 } }, { id: ID2, vv: { a: 3, b: 1 } }]);
    expect(parseReceipt(JSON.parse(JSON.stringify(receipt)), 'r.json')).toEqual(receipt);
    expect(receiptFileName(receipt)).toBe('dala-receipt-20261201T100000Z-c0000000.json');
  });

  it('a session is received when a receipt covers its revision or a newer one; an edit after the export is not', () => {
    const index = receivedIndex([receipt]);
    expect(isReceived(index, ID1, { a: 5 })).toBe(true);
    expect(isReceived(index, ID1, { a: 4 })).toBe(true);
    // Answered again after the export: not received until a newer export arrives.
    expect(isReceived(index, ID1, { a: 6 })).toBe(false);
    expect(isReceived(index, ID2, { a: 3, b: 2 })).toBe(false);
    expect(isReceived(index, ID2, { a: 3 })).toBe(true);
    expect(isReceived(index, '00000000-0000-4000-8000-000000000000', { a: 1 })).toBe(false);
  });

  it('a hostile or broken receipt is refused, naming the file and what is wrong', () => {
    const refused = (json: unknown) => {
      try {
        parseReceipt(json, 'r.json');
      } catch (e) {
        expect(e).toBeInstanceOf(DalaError);
        expect((e as DalaError).code).toBe('receipt');
        return (e as DalaError).message;
      }
      throw new Error('expected a refusal');
    };
    const good = () => JSON.parse(JSON.stringify(receipt));
    expect(refused({ type: 'dala-bundle' })).toBe('r.json: not a Dala receipt (its type is not "dala-receipt")');
    expect(refused({ ...good(), version: 9 })).toBe('r.json: version: unknown receipt version 9; this Dala reads version 1');
    expect(refused({ ...good(), received: [{ id: 'R1', vv: { a: 1 } }] })).toBe("r.json: received.0.id: 'R1' is not a UUID");
    expect(refused({ ...good(), received: [{ id: ID1, vv: JSON.parse('{"__proto__": 1}') }] })).toBe("r.json: received.0.vv: the key '__proto__' is not allowed");
    expect(refused({ ...good(), received: [{ id: ID1, vv: { constructor: 1 } }] })).toBe("r.json: received.0.vv: the key 'constructor' is not allowed");
    expect(refused({ ...good(), received: [{ id: ID1, vv: { a: 2 ** 53 } }] })).toBe('r.json: received.0.vv.a: expected a whole number >= 0, got 9007199254740992');
  });
});
