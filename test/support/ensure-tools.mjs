#!/usr/bin/env node
// Makes sure the outside programs the tests need are here: Chromium (end-to-end tests) and Debian's
// `age` (the reference implementation of the age format, for interop tests). When one is missing and we
// run as root on Debian, install it with apt-get; otherwise fail with a message saying how to get it.
// Tests never skip for want of a browser.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function pythonHas(module) {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version') && which('apt-get') !== null;

function chromiumPath() {
  const env = process.env.CHROME_PATH;
  if (env) {
    if (!existsSync(env)) fail(`CHROME_PATH is set to ${env}, but there is no such file.`);
    return env;
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

function fail(msg) {
  process.stderr.write(`\nensure-tools: ${msg}\n\n`);
  process.exit(1);
}

const missing = [];
if (!chromiumPath()) missing.push('chromium');
if (!which('age') || !which('age-keygen')) missing.push('age');
if (!which('expect')) missing.push('expect'); // scripts the age CLI's passphrase prompt in interop tests
if (!which('Rscript')) missing.push('r-base-core'); // runs the generated R script on a generated CSV (test/core/csv)
if (!which('xmllint')) missing.push('libxml2-utils'); // validates the REFI-QDA project against its schema (test/cli/qdpx.test.ts)
if (!which('pspp')) missing.push('pspp'); // GNU PSPP runs the generated SPSS syntax on a generated CSV (test/core/csv)
// pyxform (../shared/pyxform) is the oracle of the XLSForm corpus test (test/core/xlsform/corpus.test.ts):
// it runs on Debian's python3 with these modules.
for (const [module, pkg] of [['openpyxl', 'python3-openpyxl'], ['xlrd', 'python3-xlrd'], ['defusedxml', 'python3-defusedxml'], ['lark', 'python3-lark']]) {
  if (!pythonHas(module)) missing.push(pkg);
}

if (missing.length) {
  if (!isRoot || !isDebian) {
    fail(
      `missing: ${missing.join(', ')}.\n` +
        `On Debian/Ubuntu run\n  sudo apt-get install -y ${missing.join(' ')}\n` +
        `(for Chromium, CHROME_PATH may instead name a Chromium or Chrome binary). The end-to-end tests need\n` +
        `Chromium, the interop tests the age CLI (https://age-encryption.org), the export tests R and GNU PSPP,\n` +
        `the REFI-QDA test xmllint (libxml2-utils), the XLSForm corpus test python3 with openpyxl, xlrd, defusedxml and lark (for pyxform).\n` +
        `No test is skipped without them.`,
    );
  }
  process.stdout.write(`ensure-tools: installing ${missing.join(', ')} with apt-get (about a minute)...\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch (e) {
    fail(`apt-get could not install ${missing.join(', ')}: ${e.message}`);
  }
  if (!chromiumPath()) fail('chromium was installed but /usr/bin/chromium is not there; set CHROME_PATH.');
}
const chrome = chromiumPath();
let version = '';
try {
  version = execFileSync(chrome, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  fail(`${chrome} does not run (${chrome} --version failed).`);
}
const ageVersion = execFileSync('age', ['--version'], { encoding: 'utf8' }).trim();
process.stdout.write(`ensure-tools: ${version} at ${chrome}; age ${ageVersion}\n`);
