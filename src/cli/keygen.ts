/**
 * `dala keygen --out FILE`: a new researcher key (an age X25519 identity), written as age-keygen
 * writes it; the recipient (public key) is printed on stdout.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generateIdentity, identityFileText } from '../adapters/crypto-age/index';
import { DalaError } from '../core/errors';
import { parseFlags, reportFailure, usage } from './inputs';
import type { Verb } from './verb';
import { fingerprint, signingKeyFromAgeIdentity } from '../core/trust/keys';

const HELP = `Usage: npm run dala -- keygen --out FILE

Makes a new researcher key: an age X25519 identity, written to FILE in age-keygen's format
(readable only by you: mode 0600; an existing FILE is never overwritten). Prints the recipient
(the public key, age1...) on stdout: put it in the study's settings so devices encrypt bundles to it;
and on stderr the fingerprint of the signing key derived from it (dala link --identity FILE signs
studies with it; a device shows this fingerprint before anyone answers a study you signed).

Keep FILE safe and backed up: whoever has it reads every bundle of the study, and without it
nobody can, not even Dala's authors. Decrypt a bundle with it: age -d -i FILE bundle.dala.age

  --out FILE   where to write the identity

Exit status: 0 written; 2 bad arguments or FILE exists; 1 internal error.`;

const verb: Verb = {
  help: HELP,
  async run(argv, io) {
    try {
      const args = parseFlags(argv, { '--out': 'value' });
      const out = args.values.get('--out');
      if (!out) usage('--out FILE is required');
      if (args.positional.length > 0) usage(`unexpected argument '${args.positional[0]}'`);
      const id = await generateIdentity();
      try {
        await writeFile(resolve(io.cwd, out), identityFileText(id, new Date()), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new DalaError('usage', code === 'EEXIST' ? `${out} already exists; keygen never overwrites a key` : `${out}: cannot be written (${code ?? String(e)})`);
      }
      io.stdout.write(`${id.recipient}\n`);
      io.stderr.write(`signing key fingerprint: ${fingerprint(signingKeyFromAgeIdentity(id.identity).publicKey)}\n`);
      return 0;
    } catch (e) {
      return reportFailure('keygen', e, io);
    }
  },
};

export default verb;
