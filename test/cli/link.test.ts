import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import link from '../../src/cli/link';
import { demoStudy } from '../../src/core/demo/index';
import { decodeStudyLink } from '../../src/core/link/index';
import { ROOT, runVerb, spawnCli } from './run';
import { fingerprint, signingKeyFromAgeIdentity } from '../../src/core/trust/keys';
import { checkStudySignature } from '../../src/core/trust/study';

const F = 'test/fixtures/xlsform';
const BASE = 'https://example.org/dala/';
const KEY = 'age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj'; // researcher.key (a test key)
const KEY_FILE = 'test/fixtures/bundles/researcher.key';
const SIGNER = signingKeyFromAgeIdentity(readFileSync(join(ROOT, KEY_FILE), 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!);

/** `npx tsx src/cli/main.ts ARGS` from the repository. */
const dala = (...args: string[]) => spawnCli(args, ROOT);

/** The verb in-process, with a fake io rooted at the repository. */
const run = (...args: string[]) => runVerb(link, args, ROOT);

const tmp = mkdtempSync(join(tmpdir(), 'dala-link-'));
const demoFile = join(tmp, 'demo.json');
writeFileSync(demoFile, JSON.stringify(demoStudy, null, 2));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dala link', () => {
  it('a researcher makes the demo study link: the link on stdout, its sizes and QR fit on stderr', async () => {
    const { code, stdout, stderr } = await dala('link', '--form', demoFile, '--base', BASE, '--identity', KEY_FILE);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const opened = decodeStudyLink(lines[0]!);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    // The study as it is, with the researcher's key it seals the answers to, signed by them.
    const { signature, ...study } = opened.instrument;
    expect(study).toStrictEqual({ ...demoStudy, recipients: [KEY] });
    expect(signature?.by).toBe(SIGNER.publicKey);
    expect(checkStudySignature(opened.instrument)).toMatchObject({ status: 'signed', fingerprint: fingerprint(SIGNER.publicKey) });
    expect(stderr).toMatch(new RegExp(`^signed by the key with fingerprint ${fingerprint(SIGNER.publicKey)}; sealed to 1 recipient$`, 'm'));
    // Without --referral, a new seed code.
    expect(opened.referral).toEqual({ code: expect.stringMatching(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/), wave: 0 });
    expect(stderr).toMatch(/^link: [\d,]+ characters; the study's plain JSON: 44,839 bytes; link\/JSON 0\.\d\d \(\d\d% shorter\)$/m);
    expect(stderr).toMatch(/^referral: [A-Z0-9]{6}\.0 \(a seed link, wave 0\)$/m);
    expect(stderr).toMatch(/^QR code: does not fit: the link has [\d,]+ bytes and a QR code holds at most 2,953; share the link or the study file$/m);
  }, 60_000);

  it('an XLSForm, a given referral, and the QR code written as SVG', async () => {
    const svg = join(tmp, 'languages.svg');
    const { code, stdout, stderr } = await dala('link', '--form', `${F}/languages.xlsx`, '--base', BASE, '--identity', KEY_FILE, '--recipient', KEY, '--referral', 'b4np9t.2.k7m2qx', '--qr', svg);
    expect(code).toBe(0);
    expect(stdout.trimEnd().endsWith('?r=B4NP9T.2.K7M2QX')).toBe(true);
    const opened = decodeStudyLink(stdout);
    expect(opened.ok && opened.referral).toEqual({ code: 'B4NP9T', parent: 'K7M2QX', wave: 2 });
    expect(stderr).toMatch(/^referral: B4NP9T\.2\.K7M2QX \(wave 2, passed on from K7M2QX\)$/m);
    expect(stderr).toMatch(/^QR code: fits \(version \d+, (\d+) x \1 modules\)$/m);
    expect(stderr).toMatch(/^QR code written to .*languages\.svg$/m);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1" .*<path d="(M\d+ \d+h\d+v1h-\d+z)+" fill="#000"\/><\/svg>\n$/);
  }, 60_000);

  it('--no-referral makes a link without one', async () => {
    const { code, stdout, stderr } = await run('--form', `${F}/groups.xlsx`, '--base', BASE, '--identity', KEY_FILE, '--no-referral');
    expect(code).toBe(0);
    expect(stdout).not.toContain('?r=');
    expect(stderr).not.toMatch(/^referral/m);
  });

  it('--qr for a study too large for a QR code: the link is printed, no file, exit 2', async () => {
    const svg = join(tmp, 'demo.svg');
    const { code, stdout, stderr } = await run('--form', demoFile, '--base', BASE, '--identity', KEY_FILE, '--qr', svg);
    expect(code).toBe(2);
    expect(decodeStudyLink(stdout).ok).toBe(true);
    expect(stderr).toMatch(/^dala link: no QR code written to .*demo\.svg$/m);
    expect(existsSync(svg)).toBe(false);
  });

  it('bad input: a one-line reason and exit 2', async () => {
    const ID = ['--identity', KEY_FILE];
    const cases: [string[], RegExp][] = [
      [['--base', BASE, ...ID], /--form FORM is required/],
      [['--form', demoFile, ...ID], /--base URL is required/],
      [['--form', demoFile, '--base', 'ftp://example.org/', ...ID], /--base 'ftp:\/\/example.org\/' is not an http or https address/],
      [['--form', demoFile, '--base', 'example.org', ...ID], /is not an http or https address/],
      [['--form', demoFile, '--base', `${BASE}#/s/1abc`, ...ID], /has a "#"/],
      [['--form', demoFile, '--base', BASE, ...ID, '--referral', 'AB'], /--referral 'AB': the code 'AB' is not 4 to 16 letters or digits/],
      [['--form', demoFile, '--base', BASE, ...ID, '--referral', 'K7M2QX', '--no-referral'], /exclude each other/],
      [['--form', join(tmp, 'missing.json'), '--base', BASE, ...ID], /missing\.json: no such file/],
      [['--form', `${F}/error-unknown-type.xlsx`, '--base', BASE, ...ID], /cannot be used as a Dala instrument/],
      [['--form', demoFile, '--base', BASE, ...ID, 'extra'], /unexpected argument 'extra'/],
      [['--form', demoFile, '--base', BASE, ...ID, '--colour'], /unknown option '--colour'/],
      // An unsigned link: every device refuses it, so none is made.
      [['--form', demoFile, '--base', BASE], /--identity FILE is required: a study link carries the researcher's signature/],
      [['--form', demoFile, '--base', BASE, '--identity', demoFile], /demo\.json, line 1: not an age X25519 identity/],
      [['--form', demoFile, '--base', BASE, ...ID, '--recipient', 'age1xyz'], /not a valid|recipient/],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await run(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0]).toMatch(/^dala link: /);
      expect(stderr).toMatch(message);
    }
  });

  it('--help says what it does and exits 0; main lists the verb', async () => {
    const help = await dala('link', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run dala -- link --form FORM --base URL/);
    const verbs = await dala('--help');
    expect(verbs.stdout).toMatch(/^ {2}link$/m);
  }, 60_000);
});
