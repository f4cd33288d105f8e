/**
 * The records the app keeps on the device. Every stored shape is plain JSON.
 */
import type { Instrument } from '../core/instrument/types';
import type { Answer } from '../core/responses/types';

export interface StudyRecord {
  id: string;
  studyVersion: string;
  instrument: Instrument;
  addedAt: string;
  source: 'demo' | 'xlsform' | 'json' | 'link';
}

export interface ConsentRecord {
  agreed: true;
  /** The interviewer's code, or "self" when the respondent consented alone. */
  by: string;
  at: string;
  /** `Instrument.consent.version` that was shown. */
  version: string;
  /** The language the consent text was shown in. */
  lang: string;
}

export type SessionStatus = 'draft' | 'complete';

export interface SessionRecord {
  id: string;
  studyId: string;
  studyVersion: string;
  /** Pseudonymous code: never a name. */
  respondentCode: string;
  interviewer: string;
  status: SessionStatus;
  /** The study's language chosen for this session. */
  lang: string;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  consent: ConsentRecord;
  deviceId: string;
  /** Incremented by every write to this session: its revision on this device. */
  seq: number;
  /** The paper's published answers, loaded as example data. */
  example?: boolean;
  /** The section the interviewer was on, to resume there. */
  lastSection?: number;
}

export interface StoredAnswer extends Answer {
  sessionId: string;
  /** The session's `seq` after this write. */
  seq: number;
}
