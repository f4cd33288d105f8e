/**
 * Label media: a form that shows pictures with its questions and choices, given with its files as a
 * researcher gives it (a .zip, or the files together). Pictures given are carried by the instrument;
 * one named but not given is a warning by row and column, and the form still opens.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { base64Decode } from '../../../src/core/expr/groups/digest';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument } from '../../../src/core/instrument/types';
import { importFormFiles, type XlsFormResult } from '../../../src/core/xlsform/index';
import { labelMediaFiles, labelMediaForm } from '../../fixtures/xlsform/label-media-form';

function ok(result: XlsFormResult) {
  if (!result.ok) throw new Error(`expected a form, got:\n${result.problems.map((p) => `${p.sheet} ${p.row} ${p.column}: ${p.message}`).join('\n')}`);
  return result;
}

describe('pictures shown with labels', () => {
  it('opens a form given as a .zip with its picture; the picture named but not given is a warning by row and column', () => {
    const zip = zipSync({ 'market.xlsx': labelMediaForm(), 'media/market.png': labelMediaFiles()[0]!.bytes, 'media/rice.png': labelMediaFiles()[1]!.bytes });
    const { instrument, warnings } = ok(importFormFiles([{ name: 'market.zip', bytes: zip }]));
    const [good, shop] = instrument.sections.flatMap((s) => s.items);
    expect(good!.media).toEqual({ image: { en: 'market.png', ru: 'market.png' } });
    expect(good!.label).toEqual({ en: 'What did you buy at this market?', ru: 'Что вы купили на этом рынке?' });
    // The missing picture is dropped: the text label shows.
    expect(shop!.media).toBeUndefined();
    expect(shop!.label.en).toBe('Name of the shop');
    expect(warnings.map((w) => [w.sheet, w.row, w.column, w.message])).toContainEqual([
      'survey',
      3,
      'image::English (en)',
      "the form shows the file 'missing.png', which is not among its files: its text label is shown instead (give the file with the form: a folder, a .zip, or the files together)",
    ]);
    // A choice shown by its picture alone keeps its name as its text (the picture's alt text).
    expect(instrument.choiceLists.goods).toEqual([
      { name: 'rice', label: { en: 'rice' }, media: { image: { en: 'rice.png' } } },
      { name: 'tea', label: { en: 'Tea', ru: 'Чай' } },
    ]);
    expect(warnings.some((w) => /choice 'rice'/.test(w.message))).toBe(false);
    // The pictures travel with the study, byte for byte.
    const pictures = (instrument.attachments ?? []).map((a) => [a.name, a.mediaType, base64Decode(a.content)?.length, a.sha256.length]);
    expect(pictures).toEqual([
      ['market.png', 'image/png', labelMediaFiles()[0]!.bytes.length, 64],
      ['rice.png', 'image/png', labelMediaFiles()[1]!.bytes.length, 64],
    ]);
    expect(base64Decode(instrument.attachments![0]!.content)).toEqual(labelMediaFiles()[0]!.bytes);
    expect(parseInstrument(JSON.parse(JSON.stringify(instrument)) as unknown, 'market.json').ok).toBe(true);
  });

  it('given as files together, a picture no label shows is left out with a warning', () => {
    const extra = { name: 'logo.png', bytes: new Uint8Array([1, 2, 3]) };
    const { instrument, warnings } = ok(importFormFiles([{ name: 'market.xlsx', bytes: labelMediaForm() }, ...labelMediaFiles(), extra]));
    expect(instrument.attachments?.map((a) => a.name)).toEqual(['market.png', 'rice.png']);
    expect(warnings.map((w) => [w.sheet, w.message])).toContainEqual(['logo.png', "file 'logo.png' is not read: no label of the form shows it"]);
  });

  it('an instrument whose label media are not file names, or whose media attachment is not base64, is refused', () => {
    const { instrument } = ok(importFormFiles([{ name: 'market.xlsx', bytes: labelMediaForm() }, ...labelMediaFiles()]));
    const bad = (change: (i: Instrument) => void): string[] => {
      const copy = JSON.parse(JSON.stringify(instrument)) as Instrument;
      change(copy);
      const r = parseInstrument(copy, 'x.json');
      return r.ok ? [] : r.problems.map((p) => p.message);
    };
    expect(bad((i) => (i.sections[0]!.items[0]!.media = { image: { en: '../etc/passwd.png' } })).join(' ')).toMatch(/is not a media file's name/);
    expect(bad((i) => (i.sections[0]!.items[0]!.media = { image: { en: 'https://example.org/a.png' } })).join(' ')).toMatch(/is not a media file's name/);
    expect(bad((i) => (i.attachments![0]!.content = 'not base64!')).join(' ')).toMatch(/not in base64/);
    expect(bad(() => undefined)).toEqual([]);
  });
});
