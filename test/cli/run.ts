/** Running CLI verbs in tests: in process with a fake io, or as the researcher does, with npx tsx. */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Verb } from '../../src/cli/verb';

export const ROOT = join(__dirname, '../..');
export const FIXTURES = join(ROOT, 'test/fixtures/bundles');

export async function runVerb(verb: Verb, args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await verb.run(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd });
  return { code, stdout, stderr };
}

/** `npx tsx src/cli/main.ts ARGS` in `cwd`; resolves with the exit code, never rejects on a non-zero exit. */
export async function spawnCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['--prefix', ROOT, 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    if (typeof x.code !== 'number') throw e;
    return { code: x.code, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

/** A scratch folder with copies of the named bundle fixtures. */
export function scratch(...fixtures: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'dala-cli-'));
  for (const f of fixtures) cpSync(join(FIXTURES, f), join(dir, f));
  return dir;
}
