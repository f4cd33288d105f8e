/**
 * Self-completion over a study link (docs/links.md, "Respondent mode"): a respondent opens the link on
 * their own phone, answers alone, and hands back a file sealed to the researcher's key.
 *
 * The referral model. A link carries the referral of whoever passed it on (`?r=CODE.WAVE.PARENT`);
 * the respondent who opens it gets a code of their own when they start, in the link's wave and with
 * the link's parent: the researcher's seed link (wave 0) gives wave-0 respondents without a parent,
 * and "pass it on" makes a link whose respondents are in the next wave with this respondent's code
 * as their parent. So every response names its respondent and who referred them, however many people
 * one link was sent to.
 *
 * Loaded with the respondent's screens only (the link and bundle code stay out of the first page).
 */
import { bundleFromSessions, bundleToJson } from '../core/bundle/from-session';
import { decodeStudyLink, LinkError, nextReferral, withReferral, type Referral } from '../core/link/index';
import type { Dala } from './dala';
import type { SessionRecord, StudyRecord } from '../adapters/storage-idb/records';

/** A number in [0, 1) from the Web Crypto API: referral codes must not be guessable. */
export function cryptoRandom(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}

/** The meta key under which this device remembers the session started from a link. */
export function linkSessionKey(studyId: string, studyVersion: string, link: Referral | undefined): string {
  return `link:${studyId}@${studyVersion}:${link?.code ?? '-'}`;
}

/** The referral of a respondent who opens a link with `link`: a new code, the link's wave and parent. */
export function respondentReferral(link: Referral | undefined, random: () => number): Referral {
  return nextReferral(link?.parent === undefined ? undefined : { code: link.parent, wave: Math.max(0, link.wave - 1) }, random);
}

/** The link this respondent passes on: the same study, the next wave, this respondent as parent. */
export function passOnLink(link: string, own: Referral, random: () => number): string {
  return withReferral(link, nextReferral(own, random));
}

export type OpenedLink =
  | { ok: false; error: LinkError }
  | {
      ok: true;
      /** The study as this device holds it (added from the link when it was not there). */
      study: StudyRecord;
      /** The link's referral, if it has one. */
      referral?: Referral;
      /** Where this respondent's answers are sealed to: the link's recipients, else the device's. */
      recipients: string[];
      /** The session this device started from this link before, if it still exists. */
      session?: SessionRecord;
      /** The researcher who signed the study: the fingerprint shown before anyone answers. */
      signer: { key: string; fingerprint: string };
    };

/**
 * A link (its fragment, "#/s/...") -> the study on this device and the session to resume. The study
 * must carry its researcher's signature, and is judged against what this device holds
 * (`Dala.acceptStudy`): a changed, unsigned or re-signed link is refused and changes nothing. A new
 * study is added (source 'link') and its signer pinned; a device that has this version keeps its own
 * copy (the same questions), and the respondent's answers go to the link's recipients, which the
 * signature covers. Never throws for a bad link: that is `{ok: false}` with a LinkError whose `reason`
 * the screen translates.
 */
export async function openStudyLink(app: Dala, fragment: string): Promise<OpenedLink> {
  const decoded = decodeStudyLink(fragment);
  if (!decoded.ok) return decoded;
  const ins = decoded.instrument;
  const accepted = await app.acceptStudy(ins, 'link');
  if (!accepted.ok) return { ok: false, error: new LinkError(accepted.reason, accepted.message) };
  if (!accepted.signer) throw new Error('a link is never a local study');
  const study = await app.getStudy(ins.id, ins.studyVersion);
  if (!study) throw new Error(`the study ${ins.id} ${ins.studyVersion} was not saved`);
  const recipients = ins.recipients?.length ? ins.recipients : app.recipientsOf(study);
  const id = await app.store.getMeta<string>(linkSessionKey(ins.id, ins.studyVersion, decoded.referral));
  const session = id ? await app.store.getSession(id) : undefined;
  return {
    ok: true,
    study,
    recipients,
    signer: accepted.signer,
    ...(decoded.referral ? { referral: decoded.referral } : {}),
    ...(session ? { session } : {}),
  };
}

/** Starts the respondent's session once they agree: consent by "self", their own referral. */
export async function startLinkSession(app: Dala, study: StudyRecord, link: Referral | undefined, lang: string, random: () => number = cryptoRandom): Promise<SessionRecord> {
  const referral = respondentReferral(link, random);
  const session = await app.startSession({ study: study.instrument, respondentCode: referral.code, interviewer: 'self', lang, referral });
  await app.store.setMeta(linkSessionKey(study.id, study.studyVersion, link), session.id);
  return session;
}

/**
 * One session as an age-encrypted bundle to `recipients` (default: the study's on this device), for
 * the respondent to send. The study's other sessions on the device are not in it, and the device
 * cannot open it: only the researcher's key can.
 */
export async function sealSession(
  app: Dala,
  sessionId: string,
  opts: { recipients?: string[]; bundleId: string; now: string },
): Promise<{ fileName: string; data: Uint8Array }> {
  const opened = await app.store.readSession(sessionId);
  if (!opened) throw new Error(`session ${sessionId} is not on this device`);
  const { session, study, answers } = opened;
  const recipients = opts.recipients?.length ? opts.recipients : app.recipientsOf(study);
  if (recipients.length === 0) throw new Error('this study has no researcher’s key to seal the answers to');
  const consent = session.consent ?? { agreed: true as const, by: '', at: session.createdAt, version: '', lang: session.lang };
  const bundle = bundleFromSessions([{ session: { ...session, consent }, answers }], {
    bundleId: opts.bundleId,
    createdAt: opts.now,
    device: { id: app.deviceId },
    appVersion: __DALA_VERSION__,
    instruments: [study.instrument],
  });
  const data = await (await app.crypto()).encrypt(await app.signedBundleJson(bundle), { recipients }, false);
  const stamp = opts.now.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return { fileName: `dala-${study.id}-${session.respondentCode}-${stamp}.dala.age`, data: typeof data === 'string' ? new TextEncoder().encode(data) : data };
}
