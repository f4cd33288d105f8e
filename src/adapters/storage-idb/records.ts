/**
 * The records Dala keeps in IndexedDB (./schema.ts), one type per store. Every stored shape is plain
 * JSON. The app re-exports them for the screens (src/app/model.ts).
 */
import type { Instrument } from '../../core/instrument/types';
import type { Answer } from '../../core/responses/types';
import type { BundleResponse, VersionVector } from '../../core/bundle/types';
import type { MergeReport } from '../../core/merge/report';
import type { Receipt } from '../../core/bundle/receipt';
import type { SetAside } from '../../core/bundle/parse';

export interface StudyRecord {
  id: string;
  studyVersion: string;
  instrument: Instrument;
  addedAt: string;
  source: 'demo' | 'xlsform' | 'json' | 'link' | 'bundle';
  /** This device's choice of recipients (age1...) for exports; overrides `instrument.recipients`. */
  recipients?: string[];
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
  /** null only for responses imported from a CSV file, which carries no consent record. */
  consent: ConsentRecord | null;
  /** The device of the last write (the creating device until another device writes). */
  deviceId: string;
  /** Incremented by every write to this session: its revision on this device. */
  seq: number;
  /** Version vector (device -> writes), once more than one device has written the session. */
  vv?: VersionVector;
  /** The paper's published answers, loaded as example data. */
  example?: boolean;
  /** The section the interviewer was on, to resume there. */
  lastSection?: number;
  /**
   * Self-completion over a study link (docs/links.md): this respondent's referral. `code` is made
   * for this respondent when the session starts; `parent` and `wave` are those of the link opened.
   */
  referral?: SessionReferral;
  /** The record's name computed at completion (XLSForm's instance_name), shown in the sessions list. */
  instanceName?: string;
}

/** A respondent's place in a snowball sample: their code, who referred them, and the wave. */
export interface SessionReferral {
  code: string;
  parent?: string;
  wave: number;
}

export interface StoredAnswer extends Answer {
  sessionId: string;
  /** The session's `seq` after this write. */
  seq: number;
  /**
   * The write that set it once the session has a version vector (it came from another device):
   * [device, that device's vv entry after the write] (BundleAnswer.dot). Without a vv it is
   * [session.deviceId, seq], so it is not stored.
   */
  dot?: [string, number];
}

/** A response with concurrent revisions from several devices; the session holds the default choice. */
export interface ConflictRecord {
  id: string;
  studyId: string;
  studyVersion: string;
  revisions: BundleResponse[];
}

export interface ExportRecord {
  bundleId: string;
  studyId: string;
  studyVersion: string;
  at: string;
  /** Incremental export: sessions changed after this time. */
  since?: string;
  responses: number;
  fileName: string;
  /** "recipients" (age X25519) or "passphrase". */
  encryption: 'recipients' | 'passphrase';
  /** Each exported session id with the seq it had, so "delete after export" removes only what was exported. */
  sessions: { id: string; seq: number }[];
}

export interface ImportRecord {
  id: string;
  at: string;
  files: MergeReport[];
  /** The receipt this import made for the devices whose files it read (docs/bundle-format.md, "Receipts"). */
  receipt?: Receipt;
}

/**
 * A record of an imported file that could not be read, kept as it was with its reason
 * (src/core/bundle/parse.ts, `restoreBundle`): shown, exportable, removed only when the researcher confirms.
 */
export interface SetAsideRecord {
  /** `${importId}:${file}:${list}:${index}`. */
  key: string;
  importId: string;
  at: string;
  /** The record as its file had it, with its file, place, id and reason. */
  aside: SetAside;
}

/** A receipt this device received from the researcher: its sessions it covers count as received. */
export interface ReceiptRecord extends Receipt {
  /** When this device read it. */
  readAt: string;
}
