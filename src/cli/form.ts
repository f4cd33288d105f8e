/**
 * `dala form`: an XLSForm (.xlsx, or .xls from Excel 97-2003) -> the Dala instrument JSON (docs/xlsform.md).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { counted } from '../core/count';
import { DalaError, formatProblem } from '../core/errors';
import { DEFAULT_XLSX_LIMITS, importFormFiles, importXlsForm, isFormPackage, type FormFile } from '../core/xlsform/index';
import type { Verb } from './verb';

const HELP = `Usage: npm run dala -- form FORM.xlsx (or FORM.xls)
       npm run dala -- form FORM.xlsx districts.csv prices.csv ...
       npm run dala -- form FOLDER        (the form and its files)
       npm run dala -- form FORM.zip      (the form and its files, zipped)

Converts an XLSForm (.xlsx, or .xls from Excel 97-2003) to a Dala instrument and prints it as JSON on stdout; warnings (features
ignored, texts missing in a language) go to stderr. A form that reads external data
(select_one_from_file, search(), pulldata(), instance()) is given with its .csv or .xml files: as
more files, a folder, or a .zip; the instrument carries them. What is read, what is refused and how
Likert scales are declared: docs/xlsform.md.

Exit status: 0 converted; 2 the form cannot be used (a one-line reason, then every problem with its
sheet, row and column; a file the form reads and was not given is named with its row and column); 1 internal error.`;

/** Files of a folder (not its subfolders), hidden files skipped. */
async function folderFiles(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => join(path, e.name)).sort();
}

const verb: Verb = {
  help: HELP,
  async run(args, io) {
    const given = args.filter((a) => a !== '--');
    const option = given.find((a) => a.startsWith('-'));
    if (option) throw new DalaError('usage', `unknown option '${option}' (see --help)`);
    if (given.length === 0) throw new DalaError('usage', 'expected FORM.xlsx or FORM.xls (and its files), a folder or a .zip (see --help)');

    const paths: string[] = [];
    let label = basename(resolve(io.cwd, given[0]!));
    for (const g of given) {
      const path = resolve(io.cwd, g);
      let isFolder = false;
      try {
        isFolder = (await stat(path)).isDirectory();
      } catch (e) {
        throw new DalaError('usage', `cannot read ${g}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (isFolder) {
        if (given.length > 1) throw new DalaError('usage', `${g} is a folder: give a folder alone, or files (see --help)`);
        paths.push(...(await folderFiles(path)));
        label = basename(path);
      } else paths.push(path);
    }

    const files: FormFile[] = [];
    let total = 0;
    for (const path of paths) {
      const name = basename(path);
      try {
        // The cap is checked before the file is read into memory.
        const size = (await stat(path)).size;
        total += size;
        if (size > DEFAULT_XLSX_LIMITS.maxBytes || total > 2 * DEFAULT_XLSX_LIMITS.maxBytes) {
          throw new DalaError('xlsform', `${name}: the file has ${size} bytes; Dala reads XLSForms and their files of up to ${DEFAULT_XLSX_LIMITS.maxBytes}`);
        }
        files.push({ name, bytes: new Uint8Array(await readFile(path)) });
      } catch (e) {
        if (e instanceof DalaError) throw e;
        throw new DalaError('usage', `cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }

    const single = files.length === 1 && !/\.zip$/i.test(files[0]!.name) && !isFormPackage(files[0]!.bytes);
    const result = single ? importXlsForm(files[0]!.bytes, files[0]!.name) : importFormFiles(files, label);
    const name = single ? files[0]!.name : label;
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
