/**
 * `dala merge`: bundles (.dala.age binary or armored, .json) and CSV files -> one bundle, with a
 * report per file (docs/cli.md, docs/bundle-format.md "Merging and conflicts").
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { checkRecipient, encryptBundle, type EncryptTo } from '../adapters/crypto-age/index';
import { bundleToJson } from '../core/bundle/from-session';
import { counted } from '../core/count';
import type { Instrument } from '../core/instrument/types';
import { bundleFromDataset, conflictIds, DatasetBuilder } from '../core/merge/dataset';
import { addWithReport, formatReport, setAsideLines } from '../core/merge/report';
import { setAsideJson } from '../core/bundle/set-aside';
import type { BundleStudy } from '../core/bundle/types';
import { appVersion, errorLines, openInputs, parseFlags, readForm, readKeys, refuseInputAsOutput, reportFailure, usage, writeAtomically } from './inputs';
import type { Verb } from './verb';

const HELP = `Usage: npm run dala -- merge [--form FORM]... [--identity FILE]... [--passphrase-file FILE]
                           [--recipient R]... [--plaintext] [--armor] [--set-aside FILE] --out FILE INPUT...

Merges bundles and CSV files into one bundle and prints what each file brought: new responses,
identical ones, updates, outdated ones (older than what is already there: the newer is kept) and
conflicts (changed on two devices: both kept, in the output, until a researcher resolves them).
A record that cannot be read (an answer to an item the form lacks, a broken revision) is set aside
on its own, with its reason: the file's other records are merged. Records set aside are listed on
stderr and written, as they were, to the --set-aside file (encrypted like the output).

  INPUT...              bundles (.dala.age, binary or armored; .json) and CSV files
  --form FORM           a form (instrument JSON or XLSForm .xlsx/.xls): CSV files are read with it and
                        answers are checked against it; repeat for several studies
  --identity FILE       an age identity file (age-keygen or dala keygen) to decrypt with; repeatable
  --passphrase-file F   a file whose first line is the passphrase of passphrase-protected bundles
  --recipient R         encrypt the output to this age recipient (age1...); repeatable.
                        Without it the output is encrypted to the recipients the studies' forms
                        name; when they name none, with the passphrase of --passphrase-file; when
                        there is none either, merge stops (exit 2) and writes nothing
  --plaintext           write the output as plain JSON, not encrypted (readable by anyone)
  --armor               write the encrypted output as armored text (-----BEGIN AGE ENCRYPTED FILE-----)
  --set-aside FILE      where records set aside go (default: next to --out, named
                        NAME.set-aside.json or NAME.set-aside.dala.age), encrypted as --out is
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

      const opened = await openInputs(args.positional, keys, forms, io.cwd);
      const builder = new DatasetBuilder();
      const refused: string[] = [];
      for (const o of opened) {
        if ('error' in o) {
          refused.push(...errorLines(o.error));
          io.stdout.write(`${o.file}: rejected\n`);
          continue;
        }
        const report = addWithReport(builder, o.bundle, o.file, o.setAside);
        io.stdout.write(formatReport(report) + '\n');
        for (const line of setAsideLines(report)) io.stdout.write(`  set aside: ${line}\n`);
        for (const w of report.warnings) io.stderr.write(`warning: ${o.file}: ${w}\n`);
      }
      if (refused.length > 0) {
        const n = opened.filter((o) => 'error' in o).length;
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
      const json = bundleToJson(bundle);
      const seal = async (text: string) => (to ? encryptBundle(text, to, armor) : text);
      const aside = opened.flatMap((o) => ('setAside' in o ? o.setAside : []));
      const asidePath = aside.length > 0 ? (args.values.get('--set-aside') ?? setAsideName(out, to !== undefined)) : undefined;
      await writeAtomically(resolve(io.cwd, out), await seal(json));
      if (asidePath !== undefined) {
        await writeAtomically(resolve(io.cwd, asidePath), await seal(setAsideJson(aside, new Date().toISOString())));
        io.stderr.write(`dala merge: ${counted(aside.length, 'record')} set aside, written as they were to ${asidePath}\n`);
      }

      const conflicts = conflictIds(dataset);
      const how = `${said}${armor ? ', armored' : ''}`;
      io.stdout.write(`merged ${counted(opened.length, 'file')}: ${counted(dataset.responses.size, 'response')}, ${conflicts.length} in conflict -> ${out} (${how})\n`);
      const shown = conflicts.slice(0, 20);
      for (const id of shown) io.stdout.write(`  conflict: ${id} (${dataset.responses.get(id)!.length} revisions kept)\n`);
      if (conflicts.length > shown.length) io.stdout.write(`  ... and ${conflicts.length - shown.length} more conflicts\n`);
      return 0;
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

export default verb;
