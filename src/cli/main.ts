/**
 * `npm run dala -- VERB ...`: the command line over the same core the app runs.
 *
 * Exit codes: 0 success; 2 bad input (a one-line reason on stderr, then the full list of problems);
 * 1 an internal error. Each verb lives in its own file and exports a `Verb`.
 */
import { DalaError } from '../core/errors';
import type { Verb } from './verb';

// One line per verb; keep this list sorted. Verb modules are loaded only when called.
const verbs: Record<string, () => Promise<{ default: Verb }>> = {
  csv: () => import('./csv'),
  demo: () => import('./demo'),
  form: () => import('./form'),
  keygen: () => import('./keygen'),
  link: () => import('./link'),
  merge: () => import('./merge'),
  qdpx: () => import('./qdpx'),
  score: () => import('./score'),
};

function usage(): string {
  const lines = ['Usage: npm run dala -- VERB [options]', '', 'Verbs:'];
  for (const name of Object.keys(verbs).sort()) lines.push(`  ${name}`);
  lines.push('', 'Run `npm run dala -- VERB --help` for a verb\'s options.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const load = verbs[name];
  if (!load) {
    process.stderr.write(`dala: unknown verb '${name}'\n${usage()}\n`);
    return 2;
  }
  const verb = (await load()).default;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(verb.help + '\n');
    return 0;
  }
  try {
    return await verb.run(rest, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
  } catch (e) {
    if (e instanceof DalaError) {
      process.stderr.write(`dala ${name}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`dala ${name}: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`dala: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
