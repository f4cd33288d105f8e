/**
 * A study as a link: the app's own address with the study in the fragment,
 * `https://host/app/#/s/<payload>?r=<referral>`. A browser never sends the fragment to a server, so
 * the study travels from the researcher to the respondent and no server sees it (docs/links.md).
 *
 * `decodeStudyLink` is the only way a link becomes an instrument: it never throws, and every refusal
 * is a LinkError (code 'link') whose message tells the respondent what to do.
 */
import { DalaError, formatProblem, type Problem } from '../errors';
import { parseInstrument } from '../instrument/parse';
import { INSTRUMENT_TYPE, type Instrument } from '../instrument/types';
import { LINK_LIMITS } from './limits';
import { damaged, LinkError } from './link-error';
import { packPayload, unpackPayload } from './payload';
import { formatReferral, parseReferral, type Referral } from './referral';

/** The route of a study in the app's fragment. */
export const STUDY_ROUTE = '/s/';

export interface EncodeOptions {
  /** The app's address, e.g. "https://example.org/dala/"; anything from "#" on is dropped. */
  base: string;
  /** The link's referral (snowball sampling); none makes a link without one. */
  referral?: Referral;
}

export type DecodedStudyLink =
  | { ok: true; instrument: Instrument; referral?: Referral; warnings: Problem[] }
  | { ok: false; error: LinkError };

/**
 * The link of `instrument`. Throws LinkError ('too-long', 'too-large') when the study is too large
 * for a link (share the file instead), DalaError 'link' for a referral that is not valid.
 */
export function encodeStudyLink(instrument: Instrument, options: EncodeOptions): string {
  const hash = options.base.indexOf('#');
  const base = hash < 0 ? options.base : options.base.slice(0, hash);
  // `type` is always "dala-instrument": the route says what the payload is.
  const { type: _type, ...rest } = instrument;
  let payload: string;
  try {
    payload = packPayload(JSON.stringify(rest));
  } catch (e) {
    // A study too large for a link because of the data files it carries says so (version 3).
    const files = instrument.attachments ?? [];
    if (!(e instanceof LinkError) || !files.length) throw e;
    const size = files.reduce((n, a) => n + a.content.length, 0);
    const attached = `${files.map((a) => a.name).join(', ')}: ${Math.ceil(size / 1024).toLocaleString('en-US')} KB`;
    const without = (() => {
      try {
        const { attachments: _a, ...bare } = rest;
        packPayload(JSON.stringify(bare));
        return true;
      } catch {
        return false;
      }
    })();
    throw new LinkError(e.reason, `${e.message} It carries the data files its questions read (${attached})${without ? ', without which it would fit' : ''}.`);
  }
  return `${base}#${STUDY_ROUTE}${payload}${referralPart(options.referral)}`;
}

/**
 * `link` with its referral replaced (or removed): the payload is kept character for character, so
 * passing a study on costs no compression and cannot change the study.
 */
export function withReferral(link: string, referral: Referral | undefined): string {
  const hash = link.indexOf('#');
  const query = hash < 0 ? -1 : link.indexOf('?', hash);
  return (query < 0 ? link : link.slice(0, query)) + referralPart(referral);
}

function referralPart(referral: Referral | undefined): string {
  if (!referral) return '';
  const text = formatReferral(referral);
  const parsed = parseReferral(text);
  if (!parsed.ok || formatReferral(parsed.referral) !== text) {
    throw new DalaError('link', `not a valid referral '${text}': ${parsed.ok ? 'codes are capitals and digits' : parsed.problem}`);
  }
  return `?r=${text}`;
}

/**
 * A whole link, or its fragment ("#/s/..." or "/s/..."), -> the instrument and referral it carries.
 * Whitespace anywhere is ignored (a link wrapped over lines in an e-mail still opens). A referral
 * that cannot be read is a warning and the study opens without it; anything wrong with the study is
 * an error. Never throws.
 */
export function decodeStudyLink(urlOrFragment: string): DecodedStudyLink {
  try {
    return decode(urlOrFragment);
  } catch (e) {
    // Every failure above has its own check; this is a last guard so the screen never breaks.
    return { ok: false, error: damaged('damaged', 'it could not be read', { cause: e }) };
  }
}

function decode(input: unknown): DecodedStudyLink {
  const fail = (error: LinkError): DecodedStudyLink => ({ ok: false, error });
  const notALink = (what: string) =>
    fail(new LinkError('not-a-link', `This is not a Dala study link: ${what}. Check that you copied the whole link, or ask for the link again.`));
  if (typeof input !== 'string') return notALink('it is not text');
  if (input.length > LINK_LIMITS.maxLinkChars) {
    return fail(new LinkError('too-long', `This study link is too long: it has ${input.length} characters and Dala opens links of up to ${LINK_LIMITS.maxLinkChars}. Ask for the study as a file instead.`));
  }
  const text = input.replace(/\s+/g, '');
  const hash = text.indexOf('#');
  const fragment = hash < 0 ? text : text.slice(hash + 1);
  if (!fragment.startsWith(STUDY_ROUTE)) {
    return notALink(hash < 0 && !text.startsWith(STUDY_ROUTE) ? 'it has no "#/s/" followed by a study' : `its part after "#" does not start with "${STUDY_ROUTE}"`);
  }
  const rest = fragment.slice(STUDY_ROUTE.length);
  const q = rest.indexOf('?');
  const payload = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? '' : rest.slice(q + 1);

  const unpacked = unpackPayload(payload);
  if (!unpacked.ok) return fail(unpacked.error);
  let json: unknown;
  try {
    json = JSON.parse(unpacked.json);
  } catch (e) {
    return fail(damaged('json', `the study in it is not readable (${e instanceof Error ? e.message : String(e)})`, { cause: e }));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail(new LinkError('instrument', 'This study link does not hold a study: what it carries is not a study. Ask the researcher for a corrected link.'));
  }
  const parsed = parseInstrument({ type: INSTRUMENT_TYPE, ...json });
  if (!parsed.ok) {
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    const first = errors[0] ?? parsed.problems[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more ${errors.length === 2 ? 'problem' : 'problems'})` : '';
    return fail(new LinkError(
      'instrument',
      `This study link does not hold a valid study: ${first ? formatProblem(first) : 'it is not a study'}${more}. Ask the researcher for a corrected link.`,
      { problems: parsed.problems },
    ));
  }

  const warnings = [...parsed.warnings];
  let referral: Referral | undefined;
  for (const param of query.split('&')) {
    if (!param.startsWith('r=')) continue; // other parameters are a later Dala's: ignored
    const read = parseReferral(param.slice(2));
    if (read.ok) referral = read.referral;
    else {
      referral = undefined;
      warnings.push({ severity: 'warning', message: `the referral part of the link (${param.slice(0, 40)}) is not readable: ${read.problem}; the study opens without it` });
    }
  }
  return referral ? { ok: true, instrument: parsed.instrument, referral, warnings } : { ok: true, instrument: parsed.instrument, warnings };
}
