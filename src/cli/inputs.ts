/**
 * What the bundle verbs (merge, csv, score) share: options, forms, keys, opening inputs, and
 * writing an output file all at once (a temporary file in the same folder, renamed at the end, so
 * a failed run leaves no half-written file).
 */
import { randomBytes } from 'node:crypto';
import { readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { openBundleFile, parseIdentityFile, type DecryptKeys } from '../adapters/crypto-age/index';
import { shortId } from '../core/bundle/errors';
import type { RestoredBundle, SetAside } from '../core/bundle/parse';
import { counted } from '../core/count';
import type { Bundle } from '../core/bundle/types';
import { CsvError } from '../core/csv/csv-error';
import { DalaError, formatProblem, type Problem } from '../core/errors';
import { MAX_INPUT_BYTES, tooLarge } from '../core/file-size';
import { parseInstrument } from '../core/instrument/parse';
import type { Instrument } from '../core/instrument/types';
import { DEFAULT_XLSX_LIMITS, importXlsForm } from '../core/xlsform/index';
import type { Io } from './verb';
import { openContainerInput } from './media-inputs';

/** Bad input with its problems: printed as a one-line reason, then one problem per line. */
export class InputProblems extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
  }
}

export function usage(message: string): never {
  throw new DalaError('usage', `${message} (see --help)`);
}

export type FlagKind = 'value' | 'list' | 'switch';

export interface Parsed {
  values: Map<string, string>;
  lists: Map<string, string[]>;
  switches: Set<string>;
  positional: string[];
}

/** `--flag value`, `--flag=value`, repeated list flags, switches, `--` ends the options. */
export function parseFlags(args: readonly string[], spec: Record<string, FlagKind>): Parsed {
  const out: Parsed = { values: new Map(), lists: new Map(), switches: new Set(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const kind = Object.hasOwn(spec, flag) ? spec[flag] : undefined;
    if (!kind) usage(`unknown option '${arg}'`);
    if (kind === 'switch') {
      if (eq > 0) usage(`${flag} takes no value`);
      out.switches.add(flag);
      continue;
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = args[++i];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) usage(`${flag} needs a value`);
      value = next;
    }
    if (kind === 'list') out.lists.set(flag, [...(out.lists.get(flag) ?? []), value]);
    else {
      if (out.values.has(flag)) usage(`${flag} is given twice`);
      out.values.set(flag, value);
    }
  }
  return out;
}

/**
 * A file's bytes. Its size is checked first (stat), so a file above `maxBytes` is refused with
 * DalaError 'too-large' naming it, without reading it.
 */
export async function readBytes(path: string, cwd: string, maxBytes: number = MAX_INPUT_BYTES): Promise<Uint8Array> {
  const full = resolve(cwd, path);
  try {
    const large = tooLarge(path, (await stat(full)).size, maxBytes);
    if (large) throw large;
    const bytes = new Uint8Array(await readFile(full));
    // A file that grew while it was read (another program writing it) is still held to the cap.
    const grown = tooLarge(path, bytes.length, maxBytes);
    if (grown) throw grown;
    return bytes;
  } catch (e) {
    if (e instanceof DalaError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new DalaError('usage', code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? String(e)})`);
  }
}

/** Small files: identity and passphrase files. */
const MAX_KEY_FILE_BYTES = 1_000_000;

/**
 * Refuses an output file that is one of the inputs (the same file by its real path, through `./`,
 * an absolute path or a link): writing it would replace an input, an encrypted one with plain JSON.
 */
export async function refuseInputAsOutput(out: string, inputs: readonly string[], cwd: string, flag = '--out', what = 'the merged bundle'): Promise<void> {
  const real = async (p: string) => {
    const full = resolve(cwd, p);
    try {
      return await realpath(full);
    } catch {
      // Not there yet: the real path of its folder, and its name.
      return join(await realpath(dirname(full)).catch(() => dirname(full)), basename(full));
    }
  };
  const target = await real(out);
  for (const input of inputs) if ((await real(input)) === target) usage(`${flag} ${out} is also an input (${input}); write ${what} to a new file`);
}

/** A form: an instrument JSON, or an XLSForm (.xlsx or .xls) converted on the fly. */
export async function readForm(path: string, cwd: string, io: Io): Promise<Instrument> {
  const name = basename(path);
  if (/\.xlsx?$/i.test(path)) {
    const size = await stat(resolve(cwd, path)).then((s) => s.size, () => -1);
    if (size > DEFAULT_XLSX_LIMITS.maxBytes) throw new DalaError('xlsform', `${name}: the file has ${size} bytes; Dala reads XLSForms of up to ${DEFAULT_XLSX_LIMITS.maxBytes}`);
    const result = importXlsForm(await readBytes(path, cwd), name);
    if (!result.ok) throw new InputProblems(`${path} cannot be used as a Dala instrument`, result.problems);
    for (const w of result.warnings) io.stderr.write(`warning: ${formatProblem(w)}\n`);
    return result.instrument;
  }
  const text = new TextDecoder().decode(await readBytes(path, cwd));
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DalaError('instrument', `${path}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = parseInstrument(json, name);
  if (!parsed.ok) throw new InputProblems(`${path} is not a valid Dala instrument`, parsed.problems);
  for (const w of parsed.warnings) io.stderr.write(`warning: ${formatProblem(w)}\n`);
  return parsed.instrument;
}

/** Identities from identity files, and the passphrase (the first line of a file). */
export async function readKeys(identityFiles: readonly string[], passphraseFile: string | undefined, cwd: string): Promise<DecryptKeys> {
  const identities: string[] = [];
  for (const f of identityFiles) identities.push(...(await parseIdentityFile(new TextDecoder().decode(await readBytes(f, cwd, MAX_KEY_FILE_BYTES)), basename(f))));
  const passphrases: string[] = [];
  if (passphraseFile !== undefined) {
    const first = new TextDecoder().decode(await readBytes(passphraseFile, cwd, MAX_KEY_FILE_BYTES)).replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    if (first === '') throw new DalaError('usage', `${passphraseFile}: its first line (the passphrase) is empty`);
    passphrases.push(first);
  }
  return { identities, passphrases };
}

/** A file read: its bundle and the records set aside (with their reasons), or why it could not be read at all. */
export type Opened = { file: string; bundle: Bundle; setAside: SetAside[]; signature: RestoredBundle['signature'] } | { file: string; error: DalaError };

/** Opens every input; a file that cannot be read is an error entry, not a throw. */
export async function openInputs(paths: readonly string[], keys: DecryptKeys, forms: readonly Instrument[], cwd: string, opts: { mediaDir?: string } = {}): Promise<Opened[]> {
  const out: Opened[] = [];
  for (const path of paths) {
    const file = basename(path);
    // A bundle with media (a container) is read as a stream, its files written to mediaDir if given.
    const container = await openContainerInput(path, keys, forms, cwd, opts.mediaDir);
    if (container) {
      out.push(container);
      continue;
    }
    try {
      const full = resolve(cwd, path);
      const bytes = await readBytes(path, cwd);
      const fileTime = await stat(full).then((s) => s.mtime.toISOString(), () => new Date(0).toISOString());
      out.push({ file, ...(await openBundleFile(file, bytes, keys, { instruments: forms, fileTime })) });
    } catch (e) {
      if (e instanceof DalaError) out.push({ file, error: e });
      else throw e;
    }
  }
  return out;
}

/**
 * Says on stderr which records of the files were set aside (they are not in what the verb writes),
 * one line each with file, place, id and reason.
 */
export function warnSetAside(verb: string, opened: readonly Opened[], io: Io): number {
  const aside = opened.flatMap((o) => ('setAside' in o ? o.setAside : []));
  if (aside.length === 0) return 0;
  io.stderr.write(`dala ${verb}: ${counted(aside.length, 'record')} set aside (not in the output):\n`);
  for (const x of aside) io.stderr.write(`  ${x.file ?? 'bundle'}, ${x.list}[${x.index}]${x.id ? ` (id ${shortId(x.id)})` : ''}: ${x.reason}\n`);
  return aside.length;
}

/** The lines that say why a file was refused: the message, then a CSV's problems. */
export function errorLines(e: DalaError): string[] {
  const lines = [e.message];
  if (e instanceof CsvError) for (const p of e.problems) lines.push(`  ${formatProblem(p)}`);
  return lines;
}

/** Writes `data` to `path` through a temporary file in the same folder, renamed at the end. */
export async function writeAtomically(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { mode: options.mode ?? 0o644, flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    throw new DalaError('usage', `${path}: cannot be written (${code ?? String(e)})`);
  }
}

/** Prints a DalaError or InputProblems as the verbs do and returns 2; anything else is rethrown. */
export function reportFailure(verb: string, e: unknown, io: Io): number {
  if (e instanceof InputProblems) {
    io.stderr.write(`dala ${verb}: ${e.message}\n`);
    for (const p of e.problems) io.stderr.write(`  ${formatProblem(p)}\n`);
    return 2;
  }
  if (e instanceof DalaError) {
    io.stderr.write(`dala ${verb}: ${errorLines(e).join('\n')}\n`);
    return 2;
  }
  throw e;
}

/** The version of this Dala (package.json), recorded in the bundles it writes. */
export async function appVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '';
  } catch {
    return '';
  }
}
