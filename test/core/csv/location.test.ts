/**
 * Version 3, location, in CSV: a geopoint as ODK Central writes it (`-Latitude`, `-Longitude`,
 * `-Altitude`, `-Accuracy` beside ODK's text form), traces and shapes in ODK's text form, and a CSV
 * read back with each cell validated.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { BundleResponse } from '../../../src/core/bundle/types';
import { csvText, longTable, wideTable } from '../../../src/core/csv/index';
import { responsesFromRows } from '../../../src/core/csv/read-responses';
import type { Instrument } from '../../../src/core/instrument/types';

const form: Instrument = {
  type: 'dala-instrument',
  version: 3,
  id: 'wells',
  studyVersion: '1',
  title: { en: 'Wells' },
  languages: ['en'],
  choiceLists: {},
  likertScales: {},
  sections: [
    {
      name: 'site',
      label: { en: 'Site' },
      items: [
        { name: 'well', type: 'geopoint', label: { en: 'The well' } },
        { name: 'path', type: 'geotrace', label: { en: 'Path to the well' } },
        { name: 'plot', type: 'geoshape', label: { en: 'The plot' } },
      ],
    },
  ],
  scales: [],
};

const POINT = '43.238949 76.889709 850.5 4.8';
const PATH = '43.238949 76.889709 850 5;43.2391 76.8899 851 5;43.2393 76.8902 851 4;43.2396 76.8904 852 4';
const PLOT = '43.2 76.8 0 0;43.2 76.81 0 0;43.21 76.81 0 0;43.2 76.8 0 0';

const response = (id: string, answers: Record<string, string>): BundleResponse => ({
  id,
  studyId: 'wells',
  studyVersion: '1',
  respondentCode: 'R1',
  interviewer: 'aigerim',
  status: 'complete',
  lang: 'en',
  createdAt: '2026-12-03T09:00:00.000Z',
  consent: null,
  answers: Object.fromEntries(Object.entries(answers).map(([k, value]) => [k, { value, at: '2026-12-03T09:01:00.000Z' }])),
  revision: { device: 'd1', at: '2026-12-03T09:01:00.000Z', vv: { d1: 1 } },
});

describe('location in CSV', () => {
  it('the wide layout writes a geopoint in ODK text form and split into numbers, as ODK Central names them; traces and shapes as ODK text', () => {
    const table = wideTable(form, [response('a', { well: POINT, path: PATH, plot: PLOT }), response('b', {})]);
    const text = csvText(table.columns.map((c) => c.name), table.rows);
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields!.slice(-7)).toEqual(['well', 'well-Latitude', 'well-Longitude', 'well-Altitude', 'well-Accuracy', 'path', 'plot']);
    expect(parsed.data[0]).toMatchObject({ well: POINT, 'well-Latitude': '43.238949', 'well-Longitude': '76.889709', 'well-Altitude': '850.5', 'well-Accuracy': '4.8', path: PATH, plot: PLOT });
    expect(parsed.data[1]).toMatchObject({ well: '', 'well-Latitude': '', 'well-Accuracy': '', path: '' });
    expect(table.columns.find((c) => c.name === 'well-Accuracy')).toMatchObject({ type: 'number', label: { en: 'The well (accuracy, m)' } });
  });

  it('the long layout has one row per answer in ODK text form', () => {
    const table = longTable(form, [response('a', { well: POINT, path: PATH })]);
    expect(table.rows.map((r) => r.slice(1, 3))).toEqual([['well', POINT], ['path', PATH]]);
  });

  it('a CSV read back keeps the answers, ignores the split columns, and names a cell that is not a location', () => {
    const table = wideTable(form, [response('a', { well: POINT, path: PATH, plot: PLOT })]);
    const header = table.columns.map((c) => c.name);
    const cells = table.rows.map((r) => r.map((c) => (c === null ? '' : String(c))));
    const read = responsesFromRows(form, [header, ...cells], 'wells.csv');
    expect(read.problems).toEqual([]);
    expect(read.responses[0]!.answers).toEqual({ well: POINT, path: PATH, plot: PLOT });
    expect(read.ignored).toEqual(expect.arrayContaining(['well-Latitude', 'well-Accuracy']));
    const bad = responsesFromRows(form, [['well', 'plot'], ['91 0', '0 0;0 1;1 1']], 'bad.csv');
    expect(bad.problems.map((p) => `${p.row} ${p.column}: ${p.message}`)).toEqual([
      "2 well: '91 0' is not a geopoint: latitude 91 is not between -90 and 90",
      "2 plot: '0 0;0 1;1 1' is not a geoshape: an area is closed: its last point repeats its first",
    ]);
  });
});

describe('the codebook and the SPSS syntax name the location items', () => {
  it('the codebook gives each its type; SPSS gets valid names for the split columns', async () => {
    const { codebookTable, spssSyntax } = await import('../../../src/core/csv/index');
    expect(codebookTable(form).rows.map((r) => `${r[0]}:${r[1]}`)).toEqual(['well:geopoint', 'path:geotrace', 'plot:geoshape']);
    const sps = spssSyntax(wideTable(form, [response('a', { well: POINT })]), { csvFile: 'wells-spss.csv' });
    expect(sps).toContain('well_Latitude');
    expect(sps).not.toContain('well-Latitude F');
  });
});

describe('an ODK Central export read back', () => {
  it('a geopoint given only as -Latitude, -Longitude, -Altitude, -Accuracy (group path too) is joined into its answer', () => {
    const rows = [
      ['instanceID', 'site-well-Latitude', 'site-well-Longitude', 'site-well-Altitude', 'site-well-Accuracy', 'site-path'],
      ['uuid:1', '43.238949', '76.889709', '850.5', '4.8', PATH],
      ['uuid:2', '', '', '', '', ''],
      ['uuid:3', '95', '76.8', '', '', ''],
    ];
    const read = responsesFromRows(form, rows, 'central.csv');
    expect(read.responses.map((r) => r.answers.well)).toEqual([POINT, null, null]);
    expect(read.responses[0]!.answers.path).toBe(PATH);
    expect(read.columns).toContainEqual({ header: 'site-well-Latitude', item: 'well' });
    expect(read.ignored).toEqual([]);
    expect(read.problems.map((p) => `${p.row} ${p.column}: ${p.message}`)).toEqual([
      "4 site-well-Latitude: '95 76.8 0 0' is not a geopoint: latitude 95 is not between -90 and 90",
    ]);
  });
});
