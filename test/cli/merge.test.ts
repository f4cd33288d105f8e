import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import merge from '../../src/cli/merge';
import { parseBundleText } from '../../src/core/bundle/index';
import { deviceABundle, DEVICE_A, IDS, PASSPHRASE } from '../fixtures/bundles/make-fixtures';
import { runVerb, scratch, spawnCli } from './run';
import { fingerprint, newDeviceKey, signingKeyFromAgeIdentity, type SigningKey } from '../../src/core/trust/keys';
import { signBundleDocument } from '../../src/core/trust/bundle';
import { bundleToJson } from '../../src/core/bundle/from-session';
import type { Bundle } from '../../src/core/bundle/types';
import { encryptBundle } from '../../src/adapters/crypto-age/index';

const IDENTITY = readFileSync(join(__dirname, '../fixtures/bundles/researcher.key'), 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;

const RECIPIENT = 'age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj'; // researcher.key (a test key)
const ALL = ['device-a.dala.json', 'device-b.dala.age', 'device-b-armored.dala.age', 'device-a-passphrase.dala.age', 'kobo-export.csv', 'field-form.json', 'researcher.key', 'broken-record.json', 'broken-proto.json', 'broken-not-bundle.json'];

describe('dala merge', () => {
  it('a researcher merges two tablets\' bundles and a Kobo CSV into one encrypted bundle, and age opens it', async () => {
    const dir = scratch(...ALL);
    const { code, stdout, stderr } = await spawnCli(
      ['merge', '--allow-unsigned', '--form', 'field-form.json', '--identity', 'researcher.key', '--recipient', RECIPIENT, '--out', 'merged.dala.age', 'device-a.dala.json', 'device-b.dala.age', 'kobo-export.csv'],
      dir,
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(
      [
        'device-a.dala.json: 3 responses: 3 new, 0 identical, 0 updated, 0 outdated, 0 in conflict',
        'device-b.dala.age: 3 responses: 1 new, 0 identical, 1 updated, 0 outdated, 1 in conflict',
        'kobo-export.csv: 2 responses: 2 new, 0 identical, 0 updated, 0 outdated, 0 in conflict',
        'merged 3 files: 6 responses, 1 in conflict -> merged.dala.age (encrypted to 1 recipient)',
        `  conflict: ${IDS.r3} (2 revisions kept)`,
        '    s1: changed on both devices',
        '    sector: changed on both devices',
        '',
      ].join('\n'),
    );
    // The documented command: age -d -i researcher.key bundle.dala.age > bundle.json
    execFileSync('sh', ['-c', 'age -d -i researcher.key merged.dala.age > merged.json'], { cwd: dir });
    const merged = parseBundleText(readFileSync(join(dir, 'merged.json'), 'utf8'));
    // Signed with the researcher's key (derived from researcher.key): another Dala reads it as theirs.
    expect(merged.device).toEqual({ id: 'cli', label: 'dala merge', key: signingKeyFromAgeIdentity(IDENTITY).publicKey });
    expect(merged.responses).toHaveLength(7);
    expect(merged.responses.filter((r) => r.id === IDS.r3).map((r) => r.revision.vv)).toHaveLength(2);
    expect(merged.responses.find((r) => r.id === IDS.r1)!.answers.age!.value).toBe(35);
    expect(merged.studies.map((s) => s.id)).toEqual(['field-study']);
  }, 60_000);

  it('merging again changes nothing: every response is identical', async () => {
    const dir = scratch(...ALL);
    const first = await runVerb(merge, ['--allow-unsigned', '--identity', 'researcher.key', '--plaintext', '--out', 'm.json', 'device-a.dala.json', 'device-b-armored.dala.age'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('(plain JSON, not encrypted, as asked)');
    const again = await runVerb(merge, ['--allow-unsigned', '--identity', 'researcher.key', '--plaintext', '--out', 'm2.json', 'm.json', 'device-a.dala.json', 'device-b.dala.age'], dir);
    expect(again.stdout.split('\n').slice(0, 3)).toEqual([
      // m.json holds 4 responses, one of them (r3) as two revisions in conflict.
      'm.json: 5 responses: 4 new, 0 identical, 0 updated, 0 outdated, 1 in conflict',
      // r1 was updated on B since; r2 and A's side of r3 are already there.
      'device-a.dala.json: 3 responses: 0 new, 2 identical, 0 updated, 1 outdated, 0 in conflict',
      'device-b.dala.age: 3 responses: 0 new, 3 identical, 0 updated, 0 outdated, 0 in conflict',
    ]);
    const a = parseBundleText(readFileSync(join(dir, 'm.json'), 'utf8'));
    const b = parseBundleText(readFileSync(join(dir, 'm2.json'), 'utf8'));
    expect(b.responses).toEqual(a.responses);
  });

  it('passphrase-protected bundles open with --passphrase-file; armored output with --armor', async () => {
    const dir = scratch(...ALL);
    writeFileSync(join(dir, 'pass.txt'), `${PASSPHRASE}\n`);
    const ok = await runVerb(merge, ['--allow-unsigned', '--passphrase-file', 'pass.txt', '--recipient', RECIPIENT, '--armor', '--out', 'out.age', 'device-a-passphrase.dala.age'], dir);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, 'out.age'), 'utf8').startsWith('-----BEGIN AGE ENCRYPTED FILE-----\n')).toBe(true);
    writeFileSync(join(dir, 'wrong.txt'), 'not it\n');
    const bad = await runVerb(merge, ['--allow-unsigned', '--passphrase-file', 'wrong.txt', '--out', 'x.json', 'device-a-passphrase.dala.age'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('dala merge: 1 of 1 file refused; nothing written\n  device-a-passphrase.dala.age: wrong passphrase: none of the passphrases given opens this file\n');
  });

  it('bad input exits 2, says which file and why, and writes nothing (not even a temporary file)', async () => {
    const dir = scratch(...ALL);
    const before = readdirSync(dir).sort();
    const r = await runVerb(merge, ['--allow-unsigned', '--identity', 'researcher.key', '--out', 'out.json', 'device-a.dala.json', 'broken-not-bundle.json', 'kobo-export.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(['device-a.dala.json: 3 responses: 3 new, 0 identical, 0 updated, 0 outdated, 0 in conflict', 'broken-not-bundle.json: rejected', 'kobo-export.csv: rejected', ''].join('\n'));
    expect(r.stderr).toBe(
      [
        'dala merge: 2 of 3 files refused; nothing written',
        '  bundle broken-not-bundle.json: not a Dala bundle: type is not "dala-bundle"',
        '  kobo-export.csv: a CSV is read against its form; give the form (an instrument JSON or XLSForm)',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(dir, 'out.json'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('a tablet\'s file with one bad record: the others are merged, the bad one is reported by record and written aside as it was', async () => {
    const dir = scratch(...ALL);
    const r = await runVerb(merge, ['--allow-unsigned', '--form', 'field-form.json', '--plaintext', '--out', 'out.json', 'broken-proto.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'broken-proto.json: 3 responses: 2 new, 0 identical, 0 updated, 0 outdated, 0 in conflict, 1 set aside',
        `  set aside: broken-proto.json, responses[0] (id 5f0c1a2b\u2026): the key '__proto__' is not allowed`,
        'merged 1 file: 2 responses, 0 in conflict -> out.json (plain JSON, not encrypted, as asked)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('dala merge: 1 record set aside, written as they were to out.set-aside.json\n');
    // A value that is not valid for its item (a whole number written 'fifty-one'), which Dala before
    // bundle version 2 refused with the whole file, is merged, kept as it was and flagged.
    const r2 = await runVerb(merge, ['--allow-unsigned', '--form', 'field-form.json', '--plaintext', '--out', 'out2.json', 'broken-record.json'], dir);
    expect(r2).toMatchObject({ code: 0, stderr: '' });
    const merged = parseBundleText(readFileSync(join(dir, 'out2.json'), 'utf8'));
    expect(merged.responses.map((x) => x.answers.age).find((a) => a?.value === 'fifty-one')).toMatchObject({ value: 'fifty-one', invalid: 'not a whole number' });
    const aside = JSON.parse(readFileSync(join(dir, 'out.set-aside.json'), 'utf8'));
    expect(aside).toMatchObject({ type: 'dala-set-aside', version: 1, records: [{ file: 'broken-proto.json', list: 'responses', index: 0, reason: "the key '__proto__' is not allowed" }] });
    expect(Object.keys(aside.records[0].record)).toContain('__proto__');
  });

  it('bad arguments', async () => {
    const dir = scratch(...ALL);
    const cases: [string[], string][] = [
      [['device-a.dala.json'], 'dala merge: --out FILE is required (see --help)\n'],
      [['--out', 'x.json'], 'dala merge: no INPUT file given (see --help)\n'],
      [['--armor', '--plaintext', '--out', 'x.json', 'device-a.dala.json'], 'dala merge: --armor and --plaintext contradict each other: only encrypted output is armored (see --help)\n'],
      [['--recipient', 'age1pq1xyz', '--out', 'x.json', 'device-a.dala.json'], 'dala merge: post-quantum recipients (age1pq1...) are not supported: age 1.1.1 cannot read files encrypted to them; use an X25519 recipient (age1... from age-keygen or dala keygen)\n'],
      [['--frobnicate', '--out', 'x.json', 'device-a.dala.json'], "dala merge: unknown option '--frobnicate' (see --help)\n"],
      [['--out', 'x.json', 'missing.json'], 'dala merge: 1 of 1 file refused; nothing written\n  missing.json: no such file\n'],
    ];
    for (const [args, stderr] of cases) expect(await runVerb(merge, args, dir)).toMatchObject({ code: 2, stderr });
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });

  it('never writes plain JSON unless asked: it encrypts to the study\'s recipients, or stops and says what to give', async () => {
    const dir = scratch(...ALL);
    // No recipient anywhere: exit 2, nothing written.
    const none = await runVerb(merge, ['--allow-unsigned', '--identity', 'researcher.key', '--out', 'm.dala.age', 'device-a.dala.json', 'device-b.dala.age'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'dala merge: the study field-study has no recipients, so the merged bundle would be plain JSON, readable by anyone; give --recipient R (the researcher\'s age1... key), --passphrase-file FILE to encrypt it with that passphrase, or --plaintext to write it unencrypted (see --help)\n',
    );
    expect(existsSync(join(dir, 'm.dala.age'))).toBe(false);

    // The study's form names its researcher's key: the output is encrypted to it, without asking.
    const form = JSON.parse(readFileSync(join(dir, 'field-form.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'keyed-form.json'), JSON.stringify({ ...form, recipients: [RECIPIENT] }));
    const keyed = await runVerb(merge, ['--allow-unsigned', '--form', 'keyed-form.json', '--identity', 'researcher.key', '--out', 'm.dala.age', 'device-a.dala.json'], dir);
    expect(keyed).toMatchObject({ code: 0, stderr: '' });
    expect(keyed.stdout).toContain('-> m.dala.age (encrypted to 1 recipient of the study)');
    expect(readFileSync(join(dir, 'm.dala.age')).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    execFileSync('sh', ['-c', 'age -d -i researcher.key m.dala.age > m.json'], { cwd: dir });
    expect(parseBundleText(readFileSync(join(dir, 'm.json'), 'utf8')).responses).toHaveLength(3);

    // With --passphrase-file and no recipient, the passphrase encrypts the output too.
    writeFileSync(join(dir, 'pass.txt'), `${PASSPHRASE}\n`);
    const pass = await runVerb(merge, ['--allow-unsigned', '--identity', 'researcher.key', '--passphrase-file', 'pass.txt', '--out', 'p.dala.age', 'device-a-passphrase.dala.age'], dir);
    expect(pass).toMatchObject({ code: 0, stderr: '' });
    expect(pass.stdout).toContain('-> p.dala.age (encrypted with the passphrase of pass.txt)');
    // Merged again: the researcher's own signed file brings every device's writes.
    const again = await runVerb(merge, ['--identity', 'researcher.key', '--passphrase-file', 'pass.txt', '--out', 'p2.dala.age', 'p.dala.age'], dir);
    expect(again.stdout).toContain('p.dala.age: 3 responses: 3 new');


    // --plaintext asks for plain JSON, and cannot be combined with a recipient or --armor.
    const plain = await runVerb(merge, ['--allow-unsigned', '--plaintext', '--out', 'plain.json', 'device-a.dala.json'], dir);
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    expect(plain.stdout).toContain('(plain JSON, not encrypted, as asked)');
    expect((await runVerb(merge, ['--allow-unsigned', '--plaintext', '--recipient', RECIPIENT, '--out', 'x.json', 'device-a.dala.json'], dir)).stderr).toBe(
      'dala merge: --plaintext and --recipient contradict each other: give one (see --help)\n',
    );
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  }, 60_000);

  it('refuses an --out that is one of its inputs: an encrypted file is never replaced by the merge', async () => {
    const dir = scratch(...ALL);
    const before = readFileSync(join(dir, 'device-b.dala.age'));
    symlinkSync(join(dir, 'device-b.dala.age'), join(dir, 'link.dala.age'));
    for (const out of ['device-b.dala.age', './device-b.dala.age', join(dir, 'device-b.dala.age'), 'link.dala.age']) {
      const r = await runVerb(merge, ['--allow-unsigned', '--identity', 'researcher.key', '--plaintext', '--out', out, 'device-a.dala.json', 'device-b.dala.age'], dir);
      expect(r).toMatchObject({ code: 2, stderr: `dala merge: --out ${out} is also an input (device-b.dala.age); write the merged bundle to a new file (see --help)\n` });
    }
    expect(readFileSync(join(dir, 'device-b.dala.age')).equals(before)).toBe(true);
  });

  it('a file above the size cap is refused from its size, without reading it, and named', async () => {
    const dir = scratch(...ALL);
    truncateSync(join(dir, 'device-b.dala.age'), 1_000_000_000); // 1 GB, sparse: nothing is written to disk
    const rss = process.resourceUsage().maxRSS;
    const r = await runVerb(merge, ['--allow-unsigned', '--identity', 'researcher.key', '--plaintext', '--out', 'x.json', 'device-a.dala.json', 'device-b.dala.age'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dala merge: 1 of 2 files refused; nothing written\n  device-b.dala.age: 1,000,000,000 bytes; Dala reads files of up to 300,000,000\n');
    // Reading it whole would have taken a gigabyte of memory.
    expect((process.resourceUsage().maxRSS - rss) / 1024).toBeLessThan(200);
  });
});

describe('dala merge: who wrote each file (issue 14)', () => {
  const tabletA = newDeviceKey(new Uint8Array(32).fill(1));
  const attacker = newDeviceKey(new Uint8Array(32).fill(66));
  /** A file as device A's Dala writes it: signed with its own key. */
  const signed = (bundle: Bundle, key: SigningKey) => bundleToJson(signBundleDocument(bundle, key));
  const FORM = ['--form', 'field-form.json', '--plaintext'];

  it('a device seen for the first time is refused with its fingerprint; accepted by it, it is read and remembered', async () => {
    const dir = scratch('field-form.json');
    writeFileSync(join(dir, 'a.json'), signed(deviceABundle(), tabletA));
    const first = await runVerb(merge, [...FORM, '--out', 'm.json', 'a.json'], dir);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain(`a.json: from a device seen for the first time, Tablet A (key fingerprint ${fingerprint(tabletA.publicKey)})`);
    expect(first.stderr).toContain(`--accept-device ${fingerprint(tabletA.publicKey)}`);
    expect(existsSync(join(dir, 'm.json'))).toBe(false);
    // A fingerprint that no file has is a mistake, said as such.
    expect((await runVerb(merge, [...FORM, '--accept-device', 'AAAA-BBBB-CCCC-DDDD', '--out', 'm.json', 'a.json'], dir)).stderr).toContain('--accept-device AAAA-BBBB-CCCC-DDDD: no input file is signed by a device with this fingerprint');
    const ok = await runVerb(merge, [...FORM, '--accept-device', fingerprint(tabletA.publicKey).toLowerCase(), '--devices', 'devices.json', '--out', 'm.json', 'a.json'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('a.json: 3 responses: 3 new');
    expect(ok.stderr).toContain(`accepted device Tablet A (${fingerprint(tabletA.publicKey)}), remembered in devices.json`);
    const devices = JSON.parse(readFileSync(join(dir, 'devices.json'), 'utf8')) as { devices: { id: string; key: string }[] };
    expect(devices.devices).toEqual([expect.objectContaining({ id: DEVICE_A, key: tabletA.publicKey, label: 'Tablet A' })]);
    // Next time the devices file is enough.
    expect((await runVerb(merge, [...FORM, '--devices', 'devices.json', '--out', 'm2.json', 'a.json'], dir)).code).toBe(0);
  });

  it('a bundle forged with the researcher\u2019s public key is refused: as a new device, or as an impostor of a known one', async () => {
    const dir = scratch('field-form.json', 'researcher.key');
    writeFileSync(join(dir, 'devices.json'), JSON.stringify({ type: 'dala-devices', version: 1, devices: [{ id: DEVICE_A, key: tabletA.publicKey, label: 'Tablet A', acceptedAt: '2024-05-01T00:00:00Z' }] }));
    // The attacker knows the study's recipient (every link carries it) and device A's id, not its key.
    const forged = deviceABundle();
    forged.responses[0]!.answers.age = { value: 99, at: '2024-06-01T00:00:00Z' };
    forged.responses[0]!.revision.vv[DEVICE_A] = 10;
    writeFileSync(join(dir, 'forged.dala.age'), await encryptBundle(signed(forged, attacker), { recipients: ['age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj'] }, false));
    writeFileSync(join(dir, 'a.json'), signed(deviceABundle(), tabletA));
    const r = await runVerb(merge, [...FORM, '--identity', 'researcher.key', '--devices', 'devices.json', '--out', 'm.json', 'a.json', 'forged.dala.age'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`forged.dala.age: says it comes from device Tablet A (${fingerprint(tabletA.publicKey)}) but is signed by another key (${fingerprint(attacker.publicKey)}): refused as forged`);
    expect(existsSync(join(dir, 'm.json'))).toBe(false);
    // Unsigned, it is refused unless the researcher allows unsigned files.
    writeFileSync(join(dir, 'plain.json'), bundleToJson(forged));
    expect((await runVerb(merge, [...FORM, '--devices', 'devices.json', '--out', 'm.json', 'plain.json'], dir)).stderr).toContain('plain.json: not signed');
  });

  it('a counter of 2^53-1 is set aside alone, and poisons nothing: the next write still counts', async () => {
    const dir = scratch('field-form.json');
    writeFileSync(join(dir, 'devices.json'), JSON.stringify({ type: 'dala-devices', version: 1, devices: [{ id: DEVICE_A, key: tabletA.publicKey, acceptedAt: '2024-05-01T00:00:00Z' }] }));
    const huge = deviceABundle();
    huge.responses[1]!.revision.vv[DEVICE_A] = 2 ** 53 - 1;
    writeFileSync(join(dir, 'a.json'), signed(huge, tabletA));
    const r = await runVerb(merge, [...FORM, '--devices', 'devices.json', '--out', 'm.json', 'a.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('a.json: 3 responses: 2 new, 0 identical, 0 updated, 0 outdated, 0 in conflict, 1 set aside');
    expect(r.stdout).toContain('9007199254740991 writes: more than any device makes (at most 1,000,000,000)');
    const merged = parseBundleText(readFileSync(join(dir, 'm.json'), 'utf8'));
    expect(Math.max(...merged.responses.flatMap((x) => Object.values(x.revision.vv)))).toBeLessThan(1000);
    // And the device's next file, with its real counters, is read whole.
    writeFileSync(join(dir, 'a2.json'), signed(deviceABundle(), tabletA));
    expect((await runVerb(merge, [...FORM, '--devices', 'devices.json', '--out', 'm2.json', 'm.json', 'a2.json'], dir)).code).toBe(2); // m.json is unsigned: refused
    const next = await runVerb(merge, [...FORM, '--devices', 'devices.json', '--out', 'm3.json', 'a2.json'], dir);
    expect(next.stdout).toContain('a2.json: 3 responses: 3 new');
  });

  it('a bundle whose study differs from the researcher\u2019s form is read against the form: its copy is set aside, an off-form answer travels flagged invalid (out of analysis)', async () => {
    const dir = scratch('field-form.json');
    writeFileSync(join(dir, 'devices.json'), JSON.stringify({ type: 'dala-devices', version: 1, devices: [{ id: DEVICE_A, key: tabletA.publicKey, acceptedAt: '2024-05-01T00:00:00Z' }] }));
    const tampered = deviceABundle();
    const ins = tampered.studies[0]!.instrument!;
    const sector = ins.sections.flatMap((s) => s.items).find((i) => i.name === 'sector')!;
    (sector as { choices?: string }).choices = 'hacked';
    ins.choiceLists.hacked = [{ name: 'hacked', label: { en: 'hacked' } }];
    tampered.responses[0]!.answers.sector = { value: 'hacked', at: '2024-05-01T09:30:00Z' };
    writeFileSync(join(dir, 'a.json'), signed(tampered, tabletA));
    const r = await runVerb(merge, [...FORM, '--devices', 'devices.json', '--out', 'm.json', 'a.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('studies[0] (id field-study): its copy of study field-study version 2024-05 differs from this reader');
    const merged = parseBundleText(readFileSync(join(dir, 'm.json'), 'utf8'));
    const hacked = merged.responses.find((x) => x.answers.sector?.value === 'hacked')!;
    expect(hacked.answers.sector!.invalid).toBe("'hacked' is not one of public, private");
    expect(JSON.stringify(merged.studies)).not.toContain('hacked');
  });
});
