/**
 * Fuzz: XLSForms (.xlsx) from untrusted files. Real fixtures opened as the zip they are, one part
 * (a sheet, the shared strings, the workbook, its relations) changed as XML text, dropped,
 * repeated or blown up, then zipped again; and the file's bytes damaged. importXlsForm never throws:
 * a form, or problems that name the file. A form it accepts is used as the app uses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeStudyLink, encodeStudyLink } from '../../../src/core/link/index';
import { ALL_FUNCTIONS } from '../../../src/core/expr/all-functions';
import { compileInstrument, computeFormState } from '../../../src/core/responses/form-state';
import { importXlsForm } from '../../../src/core/xlsform/index';
import { applyByteEdits, applyTextEdits, byteEdits, expectPrototypeClean, NASTY_TEXT, runs, type TextEdit } from './mutate';

const DIR = join(__dirname, '../../fixtures/xlsform');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.xlsx') && !f.startsWith('error-not-xlsx'))
  .sort()
  .map((f) => new Uint8Array(readFileSync(join(DIR, f))));

/** What a hostile sheet holds besides text: rows and cells far out, bad indexes, entities. */
const XML_PIECES = [
  '<row r="1048577">',
  '<row r="0">',
  '</row>',
  '<c r="A1" t="s"><v>99999999</v></c>',
  '<c r="A2" t="s"><v>-1</v></c>',
  '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
  '<c r="ZZZZ9" t="inlineStr"><is><t>select_one list</t></is></c>',
  '<c r="B2" t="str"><v>${a} + 1</v></c>',
  '<c r="C2" t="n"><v>1e308</v></c>',
  '<c r="D2" t="b"><v>2</v></c>',
  '<c r="E2" t="d"><v>2024-13-45</v></c>',
  '<!DOCTYPE x [<!ENTITY e "eeeeeeeeee">]>',
  '&e;',
  '&#xD800;',
  '&#1114112;',
  '<si><t>__proto__</t></si>',
  '<si><t>constructor</t></si>',
  '<sheet name="survey" sheetId="9" r:id="rId99"/>',
  '<sheet name="choices" sheetId="1" r:id="rId1"/>',
  '<Relationship Id="rId1" Target="../../../etc/passwd"/>',
  '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>',
  '<t xml:space="preserve">  </t>',
  '<mergeCell ref="A1:XFD1048576"/>',
] as const;

const xmlEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...XML_PIECES), fc.constantFrom(...NASTY_TEXT)) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(...XML_PIECES) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }), times: fc.integer({ min: 2, max: 500 }) }),
);

type PartEdit = { kind: 'xml'; part: number; edits: TextEdit[] } | { kind: 'drop'; part: number } | { kind: 'copy'; part: number; to: number } | { kind: 'huge'; part: number; size: number };

const partEdit: fc.Arbitrary<PartEdit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('xml' as const), part: fc.nat(), edits: fc.array(xmlEdit, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), part: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy' as const), part: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge' as const), part: fc.nat(), size: fc.constantFrom(100_000, 1_000_000) }) },
);

function rezip(file: Uint8Array, edits: readonly PartEdit[]): Uint8Array {
  const parts = unzipSync(file);
  for (const e of edits) {
    const names = Object.keys(parts).sort();
    if (names.length === 0) break;
    const name = names[e.part % names.length]!;
    if (e.kind === 'xml') parts[name] = strToU8(applyTextEdits(strFromU8(parts[name]!), e.edits));
    else if (e.kind === 'drop') delete parts[name];
    else if (e.kind === 'copy') parts[names[e.to % names.length]!] = parts[name]!;
    else parts[name] = strToU8('<x>' + 'a'.repeat(e.size) + '</x>');
  }
  return zipSync(parts, { level: 1 });
}

function answers(bytes: Uint8Array): void {
  const result = importXlsForm(bytes, 'fuzz.xlsx');
  if (result.ok) {
    computeFormState(compileInstrument(result.instrument, ALL_FUNCTIONS), {}, '2024-05-01');
    const opened = decodeStudyLink(encodeStudyLink(result.instrument, { base: 'https://example.org/dala/' }));
    if (!opened.ok) expect(opened.error.reason).toBe('too-large');
  } else {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) expect(p.file).toBe('fuzz.xlsx');
  }
  expectPrototypeClean();
}

describe('fuzz: XLSForms', () => {
  it('a part of a real form changed as XML, dropped, copied or blown up: a form or problems, never a throw', () => {
    fc.assert(
      fc.property(fc.nat({ max: FILES.length - 1 }), fc.array(partEdit, { minLength: 1, maxLength: 3 }), (which, edits) => answers(rezip(FILES[which]!, edits))),
      runs(250),
    );
  }, 60_000);

  it('a real form\'s bytes damaged: a form or problems, never a throw', () => {
    fc.assert(
      fc.property(fc.nat({ max: FILES.length - 1 }), byteEdits, (which, edits) => answers(applyByteEdits(FILES[which]!, edits))),
      runs(300),
    );
  }, 60_000);
});
