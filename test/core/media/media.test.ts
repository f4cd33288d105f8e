import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../../src/core/instrument/parse';
import { checkMediaFile, imageMode, maxBytesOf, maxPixelsOf, storedName, capturesOnly } from '../../../src/core/media/kinds';
import { validateValue } from '../../../src/core/responses/validate-value';
import type { Instrument } from '../../../src/core/instrument/types';

const text = readFileSync(new URL('../../fixtures/instruments/media-study.json', import.meta.url), 'utf8');

function study(): Instrument {
  const r = parseInstrument(JSON.parse(text));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.instrument;
}
const item = (ins: Instrument, name: string) => ins.sections.flatMap((s) => s.items).find((i) => i.name === name)!;

describe('a study with a photo, a recording, a signature, a video and a file (instrument format version 3)', () => {
  it('opens with every media item and its settings kept', () => {
    const ins = study();
    expect(ins.version).toBe(3);
    expect(ins.media).toEqual({ maxBytes: 52428800 });
    expect(item(ins, 'house_photo')).toMatchObject({ type: 'image', maxBytes: 5242880, parameters: { 'max-pixels': '640' } });
    expect(['audio', 'video', 'file'].map((n) => item(ins, { audio: 'story', video: 'walkthrough', file: 'document' }[n]!).type)).toEqual(['audio', 'video', 'file']);
  });

  it('a version 2 study still opens, as version 3, with nothing changed', () => {
    const v2 = JSON.parse(text);
    v2.version = 2;
    v2.sections[0].items = v2.sections[0].items.filter((i: { type: string }) => i.type === 'text' || i.type === 'acknowledge');
    delete v2.media;
    const r = parseInstrument(v2);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.instrument.version).toBe(3);
  });

  it('refuses a size limit that is not a whole number of bytes, naming where', () => {
    const bad = JSON.parse(text);
    bad.sections[0].items[1].maxBytes = -5;
    const r = parseInstrument(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/house_photo.*maxBytes: a size limit must be a whole number of bytes/);
  });

  it('takes the item\'s own size limit, else the study\'s', () => {
    const ins = study();
    expect(maxBytesOf(ins, item(ins, 'house_photo'))).toBe(5242880);
    expect(maxBytesOf(ins, item(ins, 'story'))).toBe(52428800);
    expect(maxPixelsOf(item(ins, 'house_photo'))).toBe(640);
    expect(maxPixelsOf(item(ins, 'story'))).toBeNull();
  });

  it('says clearly why a file cannot be the answer: over its limit, empty, or of the wrong kind', () => {
    const ins = study();
    const photo = item(ins, 'house_photo');
    expect(checkMediaFile(ins, photo, { name: 'house.jpg', size: 6_000_000, type: 'image/jpeg' })).toBe(
      'the file house.jpg is 5.7 MB; this question takes files of at most 5.0 MB',
    );
    expect(checkMediaFile(ins, photo, { name: 'empty.jpg', size: 0, type: 'image/jpeg' })).toBe('the file empty.jpg is empty');
    expect(checkMediaFile(ins, photo, { name: 'song.mp3', size: 10, type: 'audio/mpeg' })).toBe('the file song.mp3 is audio/mpeg; this question takes image/*');
    expect(checkMediaFile(ins, photo, { name: 'house.jpg', size: 4_000_000, type: 'image/jpeg' })).toBeNull();
    expect(checkMediaFile(ins, item(ins, 'document'), { name: 'x.docx', size: 10, type: '' })).toBeNull();
  });

  it('knows a signature pad from a camera, and names stored files safely', () => {
    const ins = study();
    expect(imageMode(item(ins, 'signature'))).toBe('signature');
    expect(imageMode(item(ins, 'house_photo'))).toBe('picture');
    expect(capturesOnly({ appearance: 'new' })).toBe(true);
    expect(storedName('house_photo', 'a1b2c3d4-0000-4000-8000-000000000000', 'image/jpeg', '../../etc/passwd')).toBe('house_photo-a1b2c3d4.jpg');
    expect(storedName('document', 'ffeeddcc-0000', '', 'scan.PDF')).toBe('document-ffeeddcc.pdf');
    // An answer in a repeat instance is named by its item: no brackets or slashes in a file name.
    expect(storedName('member[aida]/photo', 'a1b2c3d4-0000', 'image/png')).toBe('photo-a1b2c3d4.png');
    expect(storedName('member[aida]/job[t1]/badge', 'a1b2c3d4-0000', 'image/png')).toBe('badge-a1b2c3d4.png');
  });

  it('an answer to a media item is a stored file name, never a path', () => {
    const ins = study();
    expect(validateValue(ins, item(ins, 'story'), 'story-a1b2c3d4.webm')).toBeNull();
    expect(validateValue(ins, item(ins, 'story'), '../story.webm')).toBe('not a file name');
  });
});
