/**
 * The path of an outside program a test needs (installed by test/support/ensure-tools.mjs). A missing
 * one is an error saying how to get it: tests never skip for want of a tool.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `name`: the command; `pkg`: the Debian package that has it; `why`: what the test uses it for. */
export function toolPath(name: string, pkg: string, why: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is not installed: ${why} (run \`node test/support/ensure-tools.mjs\`, or apt-get install ${pkg})`);
  }
}

/**
 * Runs `syntax` in GNU PSPP (the free reader of SPSS syntax) in `dir`: what it printed, its tables as
 * CSV and any error or warning. PSPP failing is an error with all it said.
 */
export function runPspp(dir: string, syntax: string): string {
  writeFileSync(join(dir, 'check.sps'), syntax);
  const pspp = toolPath('pspp', 'pspp', 'this test runs the exported SPSS syntax in GNU PSPP');
  try {
    return execFileSync(pspp, ['-O', 'format=csv', 'check.sps'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    throw new Error(`pspp failed (exit ${err.status}):\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}
