/**
 * `dala merge`: bundles (.dala.age binary or armored, .json) and CSV files -> one bundle, with a
 * report per file (docs/cli.md, docs/bundle-format.md "Merging and conflicts").
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { checkRecipient, encryptBundle } from '../adapters/crypto-age/index';
import { bundleToJson } from '../core/bundle/from-session';
import { counted } from '../core/count';
import type { Instrument } from '../core/instrument/types';
import { bundleFromDataset, conflictIds, DatasetBuilder } from '../core/merge/dataset';
import { addWithReport, formatReport, setAsideLines } from '../core/merge/report';
import { setAsideJson } from '../core/bundle/set-aside';
import { appVersion, errorLines, openInputs, parseFlags, readForm, readKeys, reportFailure, usage, writeAtomically } from './inputs';
import type { Verb } from './verb';

const HELP = `Usage: npm run dala -- merge [--form FORM]... [--identity FILE]... [--passphrase-file FILE]
                           [--recipient R]... [--armor] [--set-aside FILE] --out FILE INPUT...

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
                        Without it the output is plain JSON, not encrypted.
  --armor               write the encrypted output as armored text (-----BEGIN AGE ENCRYPTED FILE-----)
  --set-aside FILE      where records set aside go (default: next to --out, named
                        NAME.set-aside.json or NAME.set-aside.dala.age)
  --out FILE            the merged bundle; written only if every input file can be opened

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
        '--out': 'value',
      });
      const out = args.values.get('--out');
      if (!out) usage('--out FILE is required');
      if (args.positional.length === 0) usage('no INPUT file given');
      const recipients = (args.lists.get('--recipient') ?? []).map(checkRecipient);
      const armor = args.switches.has('--armor');
      if (armor && recipients.length === 0) usage('--armor needs --recipient (only encrypted output is armored)');
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
      const json = bundleToJson(bundle);
      const seal = async (text: string) => (recipients.length > 0 ? encryptBundle(text, { recipients }, armor) : text);
      const aside = opened.flatMap((o) => ('setAside' in o ? o.setAside : []));
      const asidePath = aside.length > 0 ? (args.values.get('--set-aside') ?? setAsideName(out, recipients.length > 0)) : undefined;
      await writeAtomically(resolve(io.cwd, out), await seal(json));
      if (asidePath !== undefined) {
        await writeAtomically(resolve(io.cwd, asidePath), await seal(setAsideJson(aside, new Date().toISOString())));
        io.stderr.write(`dala merge: ${counted(aside.length, 'record')} set aside, written as they were to ${asidePath}\n`);
      }

      const conflicts = conflictIds(dataset);
      const how = recipients.length > 0 ? `encrypted to ${counted(recipients.length, 'recipient')}${armor ? ', armored' : ''}` : 'plain JSON, not encrypted';
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

export default verb;
