/**
 * `dala form`: an XLSForm (.xlsx, or .xls from Excel 97-2003) -> the Dala instrument JSON (docs/xlsform.md).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { counted } from '../core/count';
import { DalaError, formatProblem } from '../core/errors';
import { DEFAULT_XLSX_LIMITS, importXlsForm } from '../core/xlsform/index';
import type { Verb } from './verb';

const HELP = `Usage: npm run dala -- form FORM.xlsx (or FORM.xls)

Converts an XLSForm (.xlsx, or .xls from Excel 97-2003) to a Dala instrument and prints it as JSON on stdout; warnings (features
ignored, texts missing in a language) go to stderr. What is read, what is refused and how Likert
scales are declared: docs/xlsform.md.

Exit status: 0 converted; 2 the form cannot be used (a one-line reason, then every problem with its
sheet, row and column); 1 internal error.`;

const verb: Verb = {
  help: HELP,
  async run(args, io) {
    const files = args.filter((a) => a !== '--');
    const option = files.find((a) => a.startsWith('-'));
    if (option) throw new DalaError('usage', `unknown option '${option}' (see --help)`);
    if (files.length !== 1) throw new DalaError('usage', `expected one FORM.xlsx or FORM.xls, got ${files.length} (see --help)`);
    const path = resolve(io.cwd, files[0]!);
    const name = basename(path);

    let bytes: Uint8Array;
    try {
      // The cap is checked before the file is read into memory.
      const size = (await stat(path)).size;
      if (size > DEFAULT_XLSX_LIMITS.maxBytes) {
        throw new DalaError('xlsform', `${name}: the file has ${size} bytes; Dala reads XLSForms of up to ${DEFAULT_XLSX_LIMITS.maxBytes}`);
      }
      bytes = new Uint8Array(await readFile(path));
    } catch (e) {
      if (e instanceof DalaError) throw e;
      throw new DalaError('usage', `cannot read ${files[0]}: ${e instanceof Error ? e.message : String(e)}`);
    }

    const result = importXlsForm(bytes, name);
    if (!result.ok) {
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      io.stderr.write(`dala form: ${name} cannot be used as a Dala instrument: ${counted(errors, 'error')}\n`);
      for (const p of result.problems) io.stderr.write(`${p.severity}: ${formatProblem(p)}\n`);
      return 2;
    }
    for (const p of result.warnings) io.stderr.write(`warning: ${formatProblem(p)}\n`);
    io.stdout.write(JSON.stringify(result.instrument, null, 2) + '\n');
    return 0;
  },
};

export default verb;
