/** Revisions for merge tests, written in one line each. */
import { BUNDLE_VERSION, type Bundle, type BundleResponse, type VersionVector } from '../../../src/core/bundle/types';

export const ID = {
  r1: '00000000-0000-4000-8000-000000000001',
  r2: '00000000-0000-4000-8000-000000000002',
  r3: '00000000-0000-4000-8000-000000000003',
};

/** A revision of response `id` with version vector `vv` and answer q = `value`. */
export function rev(id: string, vv: VersionVector, value: string | number = 'x', at = '2024-05-01T10:00:00Z', device = Object.keys(vv)[0]!): BundleResponse {
  return {
    id,
    studyId: 'study',
    studyVersion: '1',
    respondentCode: 'R-1',
    interviewer: 'I',
    status: 'complete',
    lang: 'en',
    createdAt: '2024-05-01T09:00:00Z',
    consent: null,
    answers: { q: { value, at } },
    revision: { device, at, vv },
  };
}

export function bundleOf(responses: BundleResponse[]): Bundle {
  return {
    type: 'dala-bundle',
    version: BUNDLE_VERSION,
    bundleId: '00000000-0000-4000-8000-0000000000bb',
    createdAt: '2024-05-01T12:00:00Z',
    device: { id: 'test' },
    app: { name: 'dala', version: 'test' },
    studies: [{ id: 'study', studyVersion: '1' }],
    responses,
  };
}
