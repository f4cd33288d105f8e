/**
 * The demo study's example data as a plain bundle (`npm run dala -- demo`): the paper's four
 * interviews with their answers and notes, and the codebook and coded passages of ./coding.ts.
 * Fixed ids and times, so the same Dala writes the same file.
 */
import { bundleEnvelope } from '../bundle/from-session';
import type { Bundle, BundleAnswer, BundleResponse } from '../bundle/types';
import { DEMO_CODES, DEMO_PASSAGES } from './coding';
import { demoStudy } from './demo-study';
import { demoExampleResponses } from './example-data';

const AT = '2020-03-01T00:00:00.000Z';

export function demoBundle(appVersion: string): Bundle {
  const responses: BundleResponse[] = demoExampleResponses.map((r) => {
    const answers: Record<string, BundleAnswer> = {};
    for (const [item, value] of Object.entries(r.answers)) {
      const note = r.notes?.[item];
      const other = r.other?.[item];
      if (value === null && !note) continue;
      answers[item] = { value, at: AT, ...(other ? { other } : {}), ...(note ? { note } : {}) };
    }
    return {
      id: r.id,
      studyId: demoStudy.id,
      studyVersion: demoStudy.studyVersion,
      respondentCode: r.respondentCode,
      interviewer: 'A.K. Amirova (paper)',
      status: 'complete',
      lang: 'ru',
      createdAt: AT,
      completedAt: AT,
      consent: { agreed: true, by: 'paper', at: AT, version: demoStudy.consent?.version ?? 'none', lang: 'ru' },
      answers,
      revision: { device: 'demo', at: AT, vv: { demo: 1 } },
      example: true,
    };
  });
  const bundle = bundleEnvelope(
    { bundleId: '5eed2020-0000-4000-8000-00000000b0d1', createdAt: AT, device: { id: 'demo', label: 'Dala demo data' }, appVersion },
    [{ id: demoStudy.id, studyVersion: demoStudy.studyVersion, instrument: demoStudy }],
    responses,
  );
  bundle.coding = [...DEMO_CODES, ...DEMO_PASSAGES];
  return bundle;
}
