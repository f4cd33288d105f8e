/**
 * What the device stores -> bundle responses. The shapes here are structural: the app's
 * `SessionRecord` and `StoredAnswer` (src/app/model.ts) fit them, and the core does not import the app.
 */
import type { Instrument } from '../instrument/types';
import { cleanRef, type MediaRef } from '../media/ref';
import { answersChecker, withInvalidFlags, type AnswersChecker } from './answers';
import type { AnswerValue } from '../responses/types';
import { BUNDLE_TYPE, BUNDLE_VERSION, type Bundle, type BundleAnswer, type BundleResponse, type BundleStudy, type ParadataEvent, type VersionVector } from './types';

export interface SessionLike {
  id: string;
  studyId: string;
  studyVersion: string;
  respondentCode: string;
  interviewer: string;
  status: 'draft' | 'complete';
  lang: string;
  createdAt: string;
  /** The time of the session's last write: the revision's time. */
  updatedAt: string;
  completedAt?: string;
  consent: { agreed: true; by: string; at: string; version: string; lang: string };
  deviceId: string;
  /** Writes to this session on this device. */
  seq: number;
  /**
   * The version vector, once the session has been written on more than one device (after an
   * import). When present it must already count this device's writes. Absent: `{[deviceId]: seq}`.
   */
  vv?: VersionVector;
  example?: boolean;
  /** Self-completion over a study link: the respondent's referral. */
  referral?: { code: string; parent?: string; wave: number };
}

export interface StoredAnswerLike {
  item: string;
  value: AnswerValue;
  other?: string;
  note?: string;
  at: string;
  media?: MediaRef;
  /** The session's `seq` after this write (the app's StoredAnswer has it). */
  seq?: number;
  /** The write that set it, as it came in a bundle or as the device recorded it (BundleAnswer.dot). */
  dot?: [string, number];
}

/** One session and its answers as a bundle response (a revision). Answers are keyed by item. */
export function responseFromSession(session: SessionLike, answers: readonly StoredAnswerLike[]): BundleResponse {
  const byItem: Record<string, BundleAnswer> = {};
  for (const a of answers) {
    const answer: BundleAnswer = { value: a.value, at: a.at };
    if (a.other !== undefined) answer.other = a.other;
    if (a.note !== undefined) answer.note = a.note;
    if (a.media !== undefined) answer.media = cleanRef(a.media);
    // The write that set it: recorded, or, in a session only ever written on its own device (no vv),
    // that device's write number `seq`.
    const dot = a.dot ?? (!session.vv && a.seq !== undefined && a.seq > 0 ? ([session.deviceId, a.seq] as [string, number]) : undefined);
    if (dot !== undefined) answer.dot = [dot[0], dot[1]];
    byItem[a.item] = answer;
  }
  const response: BundleResponse = {
    id: session.id.toLowerCase(),
    studyId: session.studyId,
    studyVersion: session.studyVersion,
    respondentCode: session.respondentCode,
    interviewer: session.interviewer,
    status: session.status,
    lang: session.lang,
    createdAt: session.createdAt,
    consent: { agreed: true, by: session.consent.by, at: session.consent.at, version: session.consent.version, lang: session.consent.lang },
    answers: byItem,
    revision: {
      device: session.deviceId,
      at: session.updatedAt,
      vv: session.vv ? { ...session.vv } : { [session.deviceId]: session.seq },
    },
  };
  if (session.completedAt !== undefined) response.completedAt = session.completedAt;
  if (session.example) response.example = true;
  if (session.referral) {
    const { code, parent, wave } = session.referral;
    response.referral = parent === undefined ? { code, wave } : { code, parent, wave };
  }
  return response;
}

export interface BundleMeta {
  /** A new UUID for this export (pass `newId()` in). */
  bundleId: string;
  /** Now, as ISO time. */
  createdAt: string;
  device: { id: string; label?: string };
  appVersion: string;
  /** Incremental export: only sessions whose last write (`updatedAt`) is after this time. */
  since?: string;
  /** The instruments of the studies, carried so the bundle can be read without them installed. */
  instruments?: readonly Instrument[];
  paradata?: readonly ParadataEvent[];
}

/** A bundle's fixed fields around its studies and responses (the device's label only when it has one). */
export function bundleEnvelope(
  meta: { bundleId: string; createdAt: string; device: { id: string; label?: string }; appVersion: string },
  studies: BundleStudy[],
  responses: BundleResponse[],
): Bundle {
  return {
    type: BUNDLE_TYPE,
    version: BUNDLE_VERSION,
    bundleId: meta.bundleId,
    createdAt: meta.createdAt,
    device: meta.device.label === undefined ? { id: meta.device.id } : { id: meta.device.id, label: meta.device.label },
    app: { name: 'dala', version: meta.appVersion },
    studies,
    responses,
  };
}

/**
 * Sessions with their answers -> a bundle. Studies are listed from the sessions (with their
 * instrument when `meta.instruments` has it); with `since`, only sessions changed after it are in.
 * Answers are checked by the same validator every importer runs (./answers.ts): a value that is not
 * valid for its item (a draft's "abc" in a whole-number item) travels as it is, flagged `invalid`.
 */
export function bundleFromSessions(
  sessions: readonly { session: SessionLike; answers: readonly StoredAnswerLike[] }[],
  meta: BundleMeta,
): Bundle {
  const since = meta.since === undefined ? -Infinity : Date.parse(meta.since);
  const responses: BundleResponse[] = [];
  const studies = new Map<string, BundleStudy>();
  const checkers = new Map<string, AnswersChecker | null>();
  for (const { session, answers } of sessions) {
    if (!(Date.parse(session.updatedAt) > since)) continue;
    const key = `${session.studyId}\u0000${session.studyVersion}`;
    if (!studies.has(key)) {
      const instrument = meta.instruments?.find((i) => i.id === session.studyId && i.studyVersion === session.studyVersion);
      studies.set(key, instrument ? { id: session.studyId, studyVersion: session.studyVersion, instrument } : { id: session.studyId, studyVersion: session.studyVersion });
      checkers.set(key, instrument ? answersChecker(instrument) : null);
    }
    const response = responseFromSession(session, answers);
    const check = checkers.get(key)?.(response);
    responses.push(check && 'invalid' in check ? withInvalidFlags(response, check.invalid) : response);
  }
  const ids = new Set(responses.map((r) => r.id));
  const bundle = bundleEnvelope(meta, [...studies.values()], responses);
  if (meta.since !== undefined) bundle.since = meta.since;
  const paradata = meta.paradata?.filter((e) => ids.has(e.responseId.toLowerCase()));
  if (paradata && paradata.length > 0) bundle.paradata = paradata;
  return bundle;
}

/** The bundle as the JSON text a file holds (keys in the order of the format; two-space indent off for size). */
export function bundleToJson(bundle: Bundle): string {
  return JSON.stringify(bundle);
}
