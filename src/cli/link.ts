/**
 * `dala link`: a study as a link (the study in the URL fragment) and, when it fits, a QR code of it
 * (docs/links.md).
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { strToU8 } from 'fflate';
import { encodeStudyLink, formatReferral, nextReferral, parseReferral, QR_MAX_BYTES, QR_QUIET_ZONE, studyQr, type Referral } from '../core/link/index';
import { basename } from 'node:path';
import { checkRecipient, parseIdentityFile, recipientOf } from '../adapters/crypto-age/index';
import { parseFlags, readBytes, readForm, reportFailure, usage, writeAtomically } from './inputs';
import { fingerprint, signingKeyFromAgeIdentity } from '../core/trust/keys';
import { signStudy } from '../core/trust/study';
import type { Verb } from './verb';

const HELP = `Usage: npm run dala -- link --form FORM --base URL --identity FILE [--recipient R]... [--referral CODE | --no-referral] [--qr FILE.svg]

Prints the study's link on stdout: the app's address with the whole study in the part after "#",
which a browser never sends to a server. Opening the link opens the study in Dala, offline too.
On stderr: the link's length, the study's plain JSON length and their ratio, the referral, and
whether the link fits in a QR code (at most ${QR_MAX_BYTES.toLocaleString('en-US')} bytes).

  --form FORM        the study: an instrument JSON, or an XLSForm (.xlsx or .xls) converted on the fly
  --identity FILE    the researcher's key file (dala keygen): the study is signed with the signing key
                     derived from it, recipients included, and sealed to its recipient too. Devices
                     refuse an unsigned study, and show the signer's fingerprint before anyone answers
  --base URL         the app's address, e.g. https://example.org/dala/ (http or https, no "#")
  --recipient R      another age key (age1...) the respondents' answers are sealed to; repeatable;
                     replaces the form's own recipients (the --identity's recipient is always added)
  --referral CODE    the link's referral for snowball sampling: CODE for a seed link (wave 0), or
                     CODE.WAVE.PARENT; codes are 4 to 16 letters or digits. Without it a new seed
                     code is made (6 characters, none of 0 O 1 I L U)
  --no-referral      a link without a referral
  --qr FILE.svg      also write the link as a QR code (SVG) when it fits

Exit status: 0 done; 2 bad input, or --qr asked and the link does not fit in a QR code (the link is
still printed); 1 internal error.`;

/** crypto-strong numbers in [0, 1) for nextReferral. */
const random = () => randomBytes(4).readUInt32BE(0) / 2 ** 32;
const n = (x: number) => x.toLocaleString('en-US');

/** A key file is a few lines: anything larger is not one. */
const MAX_KEY_FILE_BYTES = 1_000_000;

const verb: Verb = {
  help: HELP,
  async run(argv, io) {
    try {
      const args = parseFlags(argv, { '--form': 'value', '--base': 'value', '--identity': 'value', '--recipient': 'list', '--referral': 'value', '--no-referral': 'switch', '--qr': 'value' });
      const form = args.values.get('--form');
      const base = args.values.get('--base');
      if (!form) usage('--form FORM is required');
      if (!base) usage('--base URL is required');
      const identityFile = args.values.get('--identity');
      if (!identityFile) usage("--identity FILE is required: a study link carries the researcher's signature, and devices refuse one without it (make a key with dala keygen)");
      if (args.positional.length > 0) usage(`unexpected argument '${args.positional[0]}'`);
      let url: URL | undefined;
      try {
        url = new URL(base);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) usage(`--base '${base}' is not an http or https address`);
      if (base.includes('#')) usage(`--base '${base}' has a "#": give the app's address, without the part from "#" on`);

      let referral: Referral | undefined;
      const code = args.values.get('--referral');
      if (code !== undefined && args.switches.has('--no-referral')) usage('--referral and --no-referral exclude each other');
      if (code !== undefined) {
        const parsed = parseReferral(code);
        if (!parsed.ok) usage(`--referral '${code}': ${parsed.problem}`);
        referral = parsed.referral;
      } else if (!args.switches.has('--no-referral')) referral = nextReferral(undefined, random);

      const given = (args.lists.get('--recipient') ?? []).map(checkRecipient);
      const [identity] = await parseIdentityFile(new TextDecoder().decode(await readBytes(identityFile, io.cwd, MAX_KEY_FILE_BYTES)), basename(identityFile));
      const signer = signingKeyFromAgeIdentity(identity!);
      const own = await recipientOf(identity!);
      const read = await readForm(form, io.cwd, io);
      const recipients = [...new Set([...(given.length > 0 ? given : (read.recipients ?? [])), own])];
      const instrument = signStudy({ ...read, recipients }, signer);
      const link = encodeStudyLink(instrument, referral ? { base, referral } : { base });
      const json = strToU8(JSON.stringify(instrument)).length;
      const bytes = strToU8(link).length;
      io.stdout.write(link + '\n');
      io.stderr.write(`signed by the key with fingerprint ${fingerprint(signer.publicKey)}; sealed to ${recipients.length === 1 ? '1 recipient' : `${recipients.length} recipients`}\n`);
      io.stderr.write(`link: ${n(link.length)} characters; the study's plain JSON: ${n(json)} bytes; link/JSON ${(bytes / json).toFixed(2)} (${Math.round((1 - bytes / json) * 100)}% shorter)\n`);
      if (referral) io.stderr.write(`referral: ${formatReferral(referral)} (${referral.wave === 0 ? 'a seed link, wave 0' : `wave ${referral.wave}, passed on from ${referral.parent}`})\n`);

      const qr = studyQr(link);
      if (!qr.ok) {
        io.stderr.write(`QR code: does not fit: the link has ${n(bytes)} bytes and a QR code holds at most ${n(qr.max)}; share the link or the study file\n`);
        if (args.values.has('--qr')) {
          io.stderr.write(`dala link: no QR code written to ${args.values.get('--qr')}\n`);
          return 2;
        }
        return 0;
      }
      const modules = qr.size - 2 * QR_QUIET_ZONE;
      io.stderr.write(`QR code: fits (version ${qr.version}, ${modules} x ${modules} modules)\n`);
      const qrFile = args.values.get('--qr');
      if (qrFile !== undefined) {
        await writeAtomically(resolve(io.cwd, qrFile), qrSvg(qr.svgPath, qr.size));
        io.stderr.write(`QR code written to ${qrFile}\n`);
      }
      return 0;
    } catch (e) {
      return reportFailure('link', e, io);
    }
  },
};

/** A standalone SVG file: white square with the quiet zone, the dark modules as one path. */
function qrSvg(path: string, size: number): string {
  const px = size * 8;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${px}" height="${px}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>\n`
  );
}

export default verb;
