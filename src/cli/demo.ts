/**
 * `dala demo`: the built-in demo study and its example data as files (docs/cli.md).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { demoStudy } from '../core/demo/demo-study';
import { demoBundle } from '../core/demo/bundle';
import { appVersion, parseFlags, reportFailure, usage, writeAtomically } from './inputs';
import type { Verb } from './verb';

const HELP = `Usage: npm run dala -- demo --out DIR

Writes the built-in demo study (A.K. Amirova 2020) and its example data:
  DIR/demo-study.json    the instrument (docs/instrument-format.md)
  DIR/demo-bundle.json   a plain (unencrypted) bundle: the paper's four interviews with their answers
                         and notes, the codebook of the paper's themes, and the passages the paper
                         quotes coded with them (docs/coding.md)

Exit status: 0 written; 2 bad input; 1 internal error.`;

const verb: Verb = {
  help: HELP,
  async run(argv, io) {
    try {
      const args = parseFlags(argv, { '--out': 'value' });
      const out = args.values.get('--out');
      if (!out) usage('--out DIR is required');
      if (args.positional.length > 0) usage(`unexpected argument '${args.positional[0]}'`);
      const dir = resolve(io.cwd, out);
      await mkdir(dir, { recursive: true });
      const bundle = demoBundle(await appVersion());
      await writeAtomically(join(dir, 'demo-study.json'), JSON.stringify(demoStudy, null, 2) + '\n');
      await writeAtomically(join(dir, 'demo-bundle.json'), JSON.stringify(bundle, null, 2) + '\n');
      io.stdout.write(`${join(out, 'demo-study.json')}: study ${demoStudy.id} version ${demoStudy.studyVersion}\n`);
      io.stdout.write(`${join(out, 'demo-bundle.json')}: ${bundle.responses.length} example responses, ${bundle.coding!.filter((c) => c.type === 'code').length} codes, ${bundle.coding!.filter((c) => c.type === 'passage').length} coded passages\n`);
      return 0;
    } catch (e) {
      return reportFailure('demo', e, io);
    }
  },
};

export default verb;
