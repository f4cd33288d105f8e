/**
 * The path of an outside program a test needs (installed by test/support/ensure-tools.mjs). A missing
 * one is an error saying how to get it: tests never skip for want of a tool.
 */
import { execFileSync } from 'node:child_process';

/** `name`: the command; `pkg`: the Debian package that has it; `why`: what the test uses it for. */
export function toolPath(name: string, pkg: string, why: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is not installed: ${why} (run \`node test/support/ensure-tools.mjs\`, or apt-get install ${pkg})`);
  }
}
