/**
 * `dala merge`: bundles (.dala.age binary or armored, .json) and CSV files -> one bundle, with a
 * report per file (docs/cli.md, docs/bundle-format.md "Merging and conflicts").
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { encryptStream } from '../adapters/crypto-age/stream';
import { writeContainer, type ContainerBlob } from '../core/media/container';
import type { MediaRef } from '../core/media/ref';
import { checkRecipient, encryptBundle, type EncryptTo } from '../adapters/crypto-age/index';
import { bundleToJson } from '../core/bundle/from-session';
import { counted } from '../core/count';
import type { Instrument } from '../core/instrument/types';
import { bundleFromDataset, conflictIds, DatasetBuilder } from '../core/merge/dataset';
import { addWithReport, formatReport, setAsideLines } from '../core/merge/report';
import { conflictLines, joinRevisions } from '../core/merge/join';
import { setAsideJson } from '../core/bundle/set-aside';
import type { BundleResponse, BundleStudy } from '../core/bundle/types';
import { appVersion, errorLines, openInputs, parseFlags, readForm, readKeys, refuseInputAsOutput, reportFailure, usage, writeAtomically } from './inputs';
import type { Verb } from './verb';
import { acceptByFingerprint, newDeviceAdvice, readTrust, saveDevices, TRUST_FLAGS, TRUST_HELP } from './trust';
import { readFileTrusted } from '../core/trust/read-file';
import { signBundleDocument } from '../core/trust/bundle';
import { fingerprint } from '../core/trust/keys';
import type { KnownDevice } from '../core/trust/readers';
import { studyKey, type SetAside } from '../core/bundle/parse';

const HELP = `Usage: npm run dala -- merge [--form FORM]... [--identity FILE]... [--passphrase-file FILE]
                           [--devices FILE] [--accept-device FP]... [--allow-unsigned]
                           [--recipient R]... [--plaintext] [--armor] [--set-aside FILE] --out FILE INPUT...

Merges bundles and CSV files into one bundle and prints what each file brought: new responses,
identical ones, updates, outdated ones (older than what is already there: the newer is kept),
merged ones (changed on two devices in different answers or instances, such as household members
each device added: joined, nothing lost) and conflicts (the same answer changed on two devices, or
an instance removed on one and changed on another: both kept, in the output, until a researcher
resolves them; each conflict is listed with what keeps the revisions apart).
A record that cannot be read (an answer to an item the form lacks, a broken revision) is set aside
on its own, with its reason: the file's other records are merged. Records set aside are listed on
stderr and written, as they were, to the --set-aside file (encrypted like the output).

Every file says who wrote it (docs/security.md): the researcher (signed with the key of an --identity
file, or of a --form study's signer), or a device, signed with that device's own key. A file from a
device this researcher has not accepted is refused with the device's fingerprint until accepted; a
file that claims an accepted device with another key is refused as forged; unsigned files are read
only with --allow-unsigned. A device's records are set aside when they claim another device's
writes or leap its own counter, and answers are checked against the researcher's own copy of a
study (--form, or a signed copy), never a bundle's. The output is signed with the researcher's key
(the first --identity) when one is given.

  INPUT...              bundles (.dala.age, binary or armored; .json) and CSV files
  --form FORM           a form (instrument JSON or XLSForm .xlsx/.xls): CSV files are read with it and
                        answers are checked against it; repeat for several studies
  --identity FILE       an age identity file (age-keygen or dala keygen) to decrypt with; repeatable.
                        The first also signs the output as the researcher's
  --passphrase-file F   a file whose first line is the passphrase of passphrase-protected bundles
  --recipient R         encrypt the output to this age recipient (age1...); repeatable.
                        Without it the output is encrypted to the recipients the studies' forms
                        name; when they name none, with the passphrase of --passphrase-file; when
                        there is none either, merge stops (exit 2) and writes nothing
  --plaintext           write the output as plain JSON, not encrypted (readable by anyone)
  --armor               write the encrypted output as armored text (-----BEGIN AGE ENCRYPTED FILE-----)
                        (not with media: a bundle with photos or recordings is binary age)
  --set-aside FILE      where records set aside go (default: next to --out, named
                        NAME.set-aside.json or NAME.set-aside.dala.age), encrypted as --out is
${TRUST_HELP}
  --out FILE            the merged bundle, a new file (never one of the inputs); written only if
                        every input file can be opened

Exit status: 0 merged; 2 bad input (every refused file and why; no output written); 1 internal error.`;

/** `merged.dala.age` -> `merged.set-aside.dala.age`; `merged.json` -> `merged.set-aside.json`. */
export function setAsideName(out: string, encrypted: boolean): string {
  const m = /^(.*?)(\.dala\.age|\.age|\.json)?$/i.exec(out)!;
  return `${m[1]}.set-aside${m[2] ?? (encrypted ? '.dala.age' : '.json')}`;
}

const verb: Verb = {
  help: HELP,
  async run(argv, io) {
    try {
      const args = parseFlags(argv, {
        '--form': 'list',
        '--identity': 'list',
        '--passphrase-file': 'value',
        '--recipient': 'list',
        '--armor': 'switch',
        '--set-aside': 'value',
        '--plaintext': 'switch',
        '--out': 'value',
        ...TRUST_FLAGS,
      });
      const out = args.values.get('--out');
      if (!out) usage('--out FILE is required');
      if (args.positional.length === 0) usage('no INPUT file given');
      const recipients = (args.lists.get('--recipient') ?? []).map(checkRecipient);
      const armor = args.switches.has('--armor');
      const plaintext = args.switches.has('--plaintext');
      if (plaintext && recipients.length > 0) usage('--plaintext and --recipient contradict each other: give one');
      if (plaintext && armor) usage('--armor and --plaintext contradict each other: only encrypted output is armored');
      await refuseInputAsOutput(out, args.positional, io.cwd);
      const forms: Instrument[] = [];
      for (const f of args.lists.get('--form') ?? []) forms.push(await readForm(f, io.cwd, io));
      const keys = await readKeys(args.lists.get('--identity') ?? [], args.values.get('--passphrase-file'), io.cwd);

      const aside: SetAside[] = [];
      // The media files of bundles with media are written, checked, to a folder beside --out while
      // the inputs are read, and carried into the merged bundle's container (removed at the end).
      const mediaDir = join(dirname(resolve(io.cwd, out)), `.${basename(out)}.media-${randomUUID().slice(0, 8)}`);
      try {
        const opened = await openInputs(args.positional, keys, forms, io.cwd, { mediaDir });
        const cli = await readTrust(args, forms, keys.identities ?? [], io.cwd);
        const trust = acceptByFingerprint(args, opened.map((o) => ('error' in o ? { file: o.file } : { file: o.file, restored: o })), cli.trust);
        const builder = new DatasetBuilder();
        const held = new Map(forms.map((f) => [studyKey(f.id, f.studyVersion), f] as const));
        const taken = new Set<string>();
        const accepted: KnownDevice[] = [];
        const refused: string[] = [];
        let rejectedFiles = 0;
        const now = new Date().toISOString();
        for (const o of opened) {
          if ('error' in o) {
            refused.push(...errorLines(o.error));
            rejectedFiles++;
            io.stdout.write(`${o.file}: rejected\n`);
            continue;
          }
          const read = readFileTrusted(o.file, o, {
            trust,
            pinned: cli.pinned,
            held: (id, version) => held.get(studyKey(id, version)),
            has: (id, version) => held.has(studyKey(id, version)) || taken.has(studyKey(id, version)),
            seen: (id, device) => builder.seen(id, device),
            now,
          });
          if (!read.ok) {
            const verdict = read.verdict;
            refused.push(verdict.code === 'new-device' ? newDeviceAdvice(o.file, verdict.device) : verdict.code === 'unsigned' ? `${o.file}: not signed: written by a Dala from before signatures, or by someone else; read it only if you know where it came from, with --allow-unsigned` : verdict.message);
            rejectedFiles++;
            io.stdout.write(`${o.file}: rejected\n`);
            continue;
          }
          if (read.accepted) accepted.push(read.accepted);
          for (const st of read.studies) taken.add(studyKey(st.instrument.id, st.instrument.studyVersion));
          const report = addWithReport(builder, read.bundle, o.file, read.setAside);
          report.warnings.push(...read.warnings);
          io.stdout.write(formatReport(report) + '\n');
          for (const line of setAsideLines(report)) io.stdout.write(`  set aside: ${line}\n`);
          for (const w of report.warnings) io.stderr.write(`warning: ${o.file}: ${w}\n`);
          aside.push(...read.setAside);
        }
        if (refused.length > 0) {
          const n = rejectedFiles;
          io.stderr.write(`dala merge: ${n} of ${counted(opened.length, 'file')} refused; nothing written\n`);
          for (const line of refused) io.stderr.write(`  ${line}\n`);
          return 2;
        }

        const dataset = builder.build();
        const bundle = bundleFromDataset(dataset, {
          bundleId: randomUUID(),
          createdAt: new Date().toISOString(),
          device: { id: 'cli', label: 'dala merge' },
          appVersion: await appVersion(),
        });
        const passphraseFile = args.values.get('--passphrase-file');
        const { to, how: said } = plaintext
          ? { to: null, how: 'plain JSON, not encrypted, as asked' }
          : outputEncryption(recipients, bundle.studies, forms, passphraseFile !== undefined ? { file: passphraseFile, passphrase: keys.passphrases![0]! } : undefined);
        // Signed as the researcher's when their key is given: another Dala reads it as theirs.
        const json = cli.researcher ? bundleToJson(signBundleDocument(bundle, cli.researcher)) : bundleToJson(bundle);
        const seal = async (text: string) => (to ? encryptBundle(text, to, armor) : text);
        const asidePath = aside.length > 0 ? (args.values.get('--set-aside') ?? setAsideName(out, to !== undefined)) : undefined;
        // Answers with files: the merged bundle and the files as one container (binary age, or plain
        // with --plaintext), written as a stream. A file no input carried is left out; its answer keeps
        // its reference (as a device does).
        const media = await mediaOf(bundle.responses, mediaDir);
        if (media.length > 0) {
          if (armor) usage('--armor cannot carry media files (photos, recordings): leave it out, the merged bundle is written as binary age');
          const container = writeContainer(json, media);
          await writeStreamAtomically(resolve(io.cwd, out), to ? encryptStream(container, to) : container);
        } else await writeAtomically(resolve(io.cwd, out), await seal(json));
        if (asidePath !== undefined) {
          await writeAtomically(resolve(io.cwd, asidePath), await seal(setAsideJson(aside, new Date().toISOString())));
          io.stderr.write(`dala merge: ${counted(aside.length, 'record')} set aside, written as they were to ${asidePath}\n`);
        }

        await saveDevices(cli, accepted, io.cwd);
        for (const d of accepted) io.stderr.write(`dala merge: accepted device ${d.label ?? d.id} (${fingerprint(d.key)})${cli.devicesFile !== undefined ? `, remembered in ${cli.devicesFile}` : ''}\n`);
        const conflicts = conflictIds(dataset);
        const how = `${said}${armor ? ', armored' : ''}${media.length > 0 ? `, with ${counted(media.length, 'media file')}` : ''}`;
        io.stdout.write(`merged ${counted(opened.length, 'file')}: ${counted(dataset.responses.size, 'response')}, ${conflicts.length} in conflict -> ${out} (${how})\n`);
        const shown = conflicts.slice(0, 20);
        for (const id of shown) {
          const revisions = dataset.responses.get(id)!;
          io.stdout.write(`  conflict: ${id} (${revisions.length} revisions kept)\n`);
          const lines = conflictLines(joinRevisions(revisions).conflicts);
          for (const line of lines.slice(0, 10)) io.stdout.write(`    ${line}\n`);
          if (lines.length > 10) io.stdout.write(`    ... and ${lines.length - 10} more\n`);
        }
        if (conflicts.length > shown.length) io.stdout.write(`  ... and ${conflicts.length - shown.length} more conflicts\n`);
        return 0;
      } finally {
        await rm(mediaDir, { recursive: true, force: true });
      }
    } catch (e) {
      return reportFailure('merge', e, io);
    }
  },
};

/**
 * What the merged bundle is encrypted to, when --plaintext is not given: the --recipient keys; else
 * the recipients the studies' forms name (a form given with --form before the bundle's copy), when
 * every study names the same ones; else the passphrase of --passphrase-file. Otherwise a usage
 * error: merge never writes plain JSON unless asked.
 */
function outputEncryption(
  recipients: string[],
  studies: readonly BundleStudy[],
  forms: readonly Instrument[],
  passphrase: { file: string; passphrase: string } | undefined,
): { to: EncryptTo; how: string } {
  if (recipients.length > 0) return { to: { recipients }, how: `encrypted to ${counted(recipients.length, 'recipient')}` };
  const named = studies.map((s) => {
    const form = forms.find((f) => f.id === s.id && f.studyVersion === s.studyVersion) ?? s.instrument;
    return { id: s.id, keys: [...new Set(form?.recipients ?? [])].sort() };
  });
  const without = [...new Set(named.filter((n) => n.keys.length === 0).map((n) => n.id))];
  const sets = new Set(named.map((n) => n.keys.join(' ')));
  if (named.length > 0 && without.length === 0 && sets.size === 1) {
    const keys = named[0]!.keys;
    return { to: { recipients: keys }, how: `encrypted to ${counted(keys.length, 'recipient')} of the ${named.length === 1 ? 'study' : 'studies'}` };
  }
  if (passphrase) return { to: { passphrase: passphrase.passphrase }, how: `encrypted with the passphrase of ${passphrase.file}` };
  const why =
    without.length > 0
      ? `the ${without.length === 1 ? 'study' : 'studies'} ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} no recipients`
      : named.length === 0
        ? 'there is no study to take recipients from'
        : `the studies ${[...new Set(named.map((n) => n.id))].join(', ')} have different recipients`;
  usage(
    `${why}, so the merged bundle would be plain JSON, readable by anyone; give --recipient R (the researcher's age1... key), --passphrase-file FILE to encrypt it with that passphrase, or --plaintext to write it unencrypted`,
  );
}

/** The files the merged responses' answers refer to that an input carried (checked as they were read), each read back as a stream. */
async function mediaOf(responses: readonly BundleResponse[], dir: string): Promise<ContainerBlob[]> {
  const out: ContainerBlob[] = [];
  const refs = new Map<string, MediaRef>();
  for (const r of responses) for (const a of Object.values(r.answers)) if (a.media && !refs.has(a.media.id)) refs.set(a.media.id, a.media);
  for (const ref of refs.values()) {
    const path = join(dir, ref.name);
    const st = await stat(path).catch(() => null);
    if (!st || st.size !== ref.size) continue;
    out.push({ ref, bytes: () => createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Uint8Array> });
  }
  return out;
}

/** Writes pieces to `path` through a temporary file renamed at the end: a file cut short is never left as the output. */
async function writeStreamAtomically(path: string, pieces: AsyncIterable<Uint8Array>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`);
  const w = createWriteStream(tmp, { flags: 'wx', mode: 0o644 });
  try {
    for await (const p of pieces) if (!w.write(p)) await once(w, 'drain');
    w.end();
    await once(w, 'finish');
    await rename(tmp, path);
  } catch (e) {
    w.destroy();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

export default verb;
