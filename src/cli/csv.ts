/**
 * `dala csv`: bundles and CSV files of one study -> a CSV export (wide or long), and on request
 * its codebook and the R and SPSS scripts that read it with labels (docs/csv.md).
 */
import { basename, dirname, join, resolve } from 'node:path';
import { counted } from '../core/count';
import { codebookTable, longTable, repeatTables, wideTable, type Table } from '../core/csv/export';
import { repeatFileName, rScript, rScriptTables } from '../core/csv/r-script';
import { spssDataCsv, spssDataName, spssSyntax } from '../core/csv/spss-syntax';
import { csvText, type Separator } from '../core/csv/write';
import { auditRows } from '../core/responses/paradata';
import { transcriptRows, TRANSCRIPT_HEADER } from '../core/transcripts/csv';
import { instanceNumbers } from '../core/responses/instance-numbers';
import { addBundleTo, conflictIds, DatasetBuilder } from '../core/merge/dataset';
import { currentResponses } from '../core/merge/resolve';
import { errorLines, openInputs, parseFlags, readForm, readKeys, refuseInputAsOutput, reportFailure, usage, warnSetAside, writeAtomically } from './inputs';
import type { Verb } from './verb';

const HELP = `Usage: npm run dala -- csv --form FORM [--layout wide|long] [--labels LANG] [--separator ,|;]
                         [--notes] [--include-personal] [--codebook FILE] [--r FILE] [--spss FILE] [--audit FILE]
                         [--transcripts FILE]
                         [--lang LANG] [--identity FILE]... [--passphrase-file FILE] --out FILE INPUT...

Exports the responses of FORM's study from bundles and CSV files as CSV: UTF-8 with a byte order
mark, CRLF, RFC 4180 quoting; a text cell starting with = + - @ (a formula in a spreadsheet; also
full-width, or after white space or invisible characters) gets a leading '. Responses in several files are merged first; a conflict exports its default choice
(the latest revision). The layouts and columns: docs/csv.md.

  --form FORM           the study's form (instrument JSON or XLSForm .xlsx/.xls)
  --layout wide|long    wide (default): one row per response, a repeat's questions in numbered
                        columns (member_1_name, member_2_name); long: one row per answer, and beside
                        it one table per repeat, one row per instance (data.csv -> data-member.csv),
                        joined to its parent by parentKey
  --labels LANG         choice and Likert cells as labels in LANG instead of codes
  --separator , or ;    between cells (default ,; Excel in Russian or Kazakh settings expects ;)
  --notes               add the interviewer's notes (item_note columns)
  --include-personal    add the items marked personal (left out by default)
  --codebook FILE       also write the codebook (items, types, labels, codes, scales)
  --r FILE              also write an R script that reads the CSV with labels (codes): wide, or long
                        with one data frame per table (d, and each repeat's by its name)
  --spss FILE           also write an SPSS syntax file that reads the CSV with labels (wide, codes),
                        and beside it the copy of the CSV it reads (data.sps -> data-spss.csv: one
                        line per response, line breaks in answers made spaces)
  --audit FILE          also write the audit log of these responses (every change, every question
                        visit) in ODK's audit CSV layout, with instanceID first (docs/paradata.md)
  --transcripts FILE    also write the transcripts of these responses, one row per paragraph with its
                        time and the question being asked (docs/transcripts.md)
  --lang LANG           the language of the labels in the R and SPSS scripts (default: the form's first)
  --identity FILE       an age identity file to decrypt bundles with; repeatable
  --passphrase-file F   a file whose first line is the passphrase of passphrase-protected bundles
  --out FILE            the CSV file
  INPUT...              bundles (.dala.age, .json) and CSV files

Exit status: 0 written; 2 bad input (nothing written); 1 internal error.`;

const verb: Verb = {
  help: HELP,
  async run(argv, io) {
    try {
      const args = parseFlags(argv, {
        '--form': 'value',
        '--layout': 'value',
        '--labels': 'value',
        '--lang': 'value',
        '--separator': 'value',
        '--notes': 'switch',
        '--include-personal': 'switch',
        '--codebook': 'value',
        '--r': 'value',
        '--spss': 'value',
        '--audit': 'value',
        '--transcripts': 'value',
        '--identity': 'list',
        '--passphrase-file': 'value',
        '--out': 'value',
      });
      const formPath = args.values.get('--form');
      const out = args.values.get('--out');
      if (!formPath) usage('--form FORM is required');
      if (!out) usage('--out FILE is required');
      if (args.positional.length === 0) usage('no INPUT file given');
      const layout = args.values.get('--layout') ?? 'wide';
      if (layout !== 'wide' && layout !== 'long') usage(`--layout must be wide or long, not '${layout}'`);
      const separator = args.values.get('--separator') ?? ',';
      if (separator !== ',' && separator !== ';') usage(`--separator must be , or ;, not '${separator}'`);
      const labels = args.values.get('--labels');
      const scripts = ['--r', '--spss'].filter((f) => args.values.has(f));
      if (args.values.has('--spss') && layout !== 'wide') usage('--spss reads the wide layout; leave out --layout long (--r reads either)');
      if (scripts.length > 0 && labels !== undefined) usage(`${scripts.join(' and ')} read a CSV of codes; leave out --labels`);

      for (const flag of ['--out', '--codebook', '--r', '--spss', '--audit', '--transcripts']) {
        const path = args.values.get(flag);
        if (path !== undefined) await refuseInputAsOutput(path, [formPath, ...args.positional], io.cwd, flag, 'the export');
      }
      const form = await readForm(formPath, io.cwd, io);
      for (const [flag, lang] of [['--labels', labels], ['--lang', args.values.get('--lang')]] as const) {
        if (lang !== undefined && !form.languages.includes(lang)) usage(`${flag}: the form has no language '${lang}' (it has ${form.languages.join(', ')})`);
      }
      const keys = await readKeys(args.lists.get('--identity') ?? [], args.values.get('--passphrase-file'), io.cwd);
      // The files of media answers (bundles with media) are written in media/ beside the CSV.
      const mediaDir = join(dirname(resolve(io.cwd, out)), 'media');
      const opened = await openInputs(args.positional, keys, [form], io.cwd, { mediaDir });
      const refused = opened.flatMap((o) => ('error' in o ? errorLines(o.error) : []));
      if (refused.length > 0) {
        io.stderr.write(`dala csv: ${opened.filter((o) => 'error' in o).length} of ${opened.length} input files refused; nothing written\n`);
        for (const line of refused) io.stderr.write(`  ${line}\n`);
        return 2;
      }

      warnSetAside('csv', opened, io);
      const builder = new DatasetBuilder();
      for (const o of opened) if ('bundle' in o) addBundleTo(builder, o.bundle);
      const dataset = builder.build();
      const all = currentResponses(dataset);
      const responses = all.filter((r) => r.studyId === form.id);
      const otherStudies = all.length - responses.length;
      if (otherStudies > 0) io.stderr.write(`warning: ${counted(otherStudies, 'response')} of other studies left out (the form is study ${form.id})\n`);
      const otherVersions = responses.filter((r) => r.studyVersion !== form.studyVersion).length;
      if (otherVersions > 0) io.stderr.write(`warning: ${counted(otherVersions, 'response')} made with another version of study ${form.id} than ${form.studyVersion}; answers to items this form lacks are left out\n`);
      const conflicts = conflictIds(dataset).filter((id) => dataset.responses.get(id)![0]!.studyId === form.id).length;
      if (conflicts > 0) io.stderr.write(`warning: ${counted(conflicts, 'response')} in conflict; the latest revision of each is exported (dala merge keeps them all)\n`);
      responses.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

      const options = {
        ...(labels !== undefined ? { labels } : {}),
        includeNotes: args.switches.has('--notes'),
        includePersonal: args.switches.has('--include-personal'),
      };
      const table: Table = layout === 'wide' ? wideTable(form, responses, options) : longTable(form, responses, options);
      const sep = separator as Separator;
      const files: [string, string][] = [[out, csvText(table.columns.map((c) => c.name), table.rows, { separator: sep })]];
      // The long layout of a form with repeats: one table per repeat beside it (data-member.csv),
      // joined to its parent by parentKey, as Kobo and ODK Central export them.
      const tables = layout === 'long' ? repeatTables(form, responses, options) : [];
      for (const { repeat } of tables) await refuseInputAsOutput(join(dirname(out), repeatFileName(basename(out), repeat)), [formPath, ...args.positional], io.cwd, '--out', 'the export');
      for (const { repeat, table: t } of tables) files.push([join(dirname(out), repeatFileName(basename(out), repeat)), csvText(t.columns.map((c) => c.name), t.rows, { separator: sep })]);
      const codebook = args.values.get('--codebook');
      if (codebook) {
        const cb = codebookTable(form, options);
        files.push([codebook, csvText(cb.header, cb.rows, { separator: sep })]);
      }
      const scriptOptions = {
        csvFile: basename(out),
        separator: sep,
        fallback: form.languages[0] ?? 'en',
        ...(args.values.has('--lang') ? { lang: args.values.get('--lang')! } : {}),
      };
      const r = args.values.get('--r');
      if (r) files.push([r, tables.length > 0 ? rScriptTables(table, tables, scriptOptions) : rScript(table, scriptOptions)]);
      const spss = args.values.get('--spss');
      if (spss) {
        const data = join(dirname(spss), spssDataName(basename(spss)));
        files.push([spss, spssSyntax(table, { ...scriptOptions, csvFile: basename(data) })], [data, spssDataCsv(table, sep)]);
      }
      const audit = args.values.get('--audit');
      if (audit) {
        const ids = new Set(responses.map((r) => r.id));
        // A question in a repeat is named by its instance's position, as ODK writes it (/data/member[2]/age).
        const byId = new Map(responses.map((r) => [r.id, r]));
        const instances = (id: string) => {
          const r = byId.get(id);
          return r ? instanceNumbers(form, Object.fromEntries(Object.entries(r.answers).map(([k, a]) => [k, a.value]))) : undefined;
        };
        const log = auditRows([...dataset.paradata.values()].filter((e) => ids.has(e.responseId)), { withInstance: true, instances });
        files.push([audit, csvText(log.header, log.rows, { separator: sep })]);
      }
      const transcripts = args.values.get('--transcripts');
      if (transcripts) {
        const entries = [...dataset.transcripts].map(([id, revisions]) => ({ id, studyId: revisions[0]!.studyId, revisions: [...revisions] }));
        files.push([transcripts, csvText(TRANSCRIPT_HEADER, transcriptRows(entries, responses), { separator: sep })]);
      }
      const paths = files.map(([path]) => resolve(io.cwd, path));
      const twice = files.find((_, i) => paths.indexOf(paths[i]!) !== i);
      if (twice) usage(`two of the files to write are ${twice[0]}; give each option its own file`);
      for (const [path, text] of files) await writeAtomically(resolve(io.cwd, path), text);
      io.stdout.write(`${out}: ${responses.length} responses, ${table.rows.length} rows x ${table.columns.length} columns (${layout})\n`);
      const mediaFiles = opened.reduce((n, o) => n + ((o as { files?: number }).files ?? 0), 0);
      if (mediaFiles > 0) io.stdout.write(`${join(dirname(out), 'media')}: ${counted(mediaFiles, 'media file')} (named in the CSV)
`);
      tables.forEach(({ repeat, table: t }, i) => io.stdout.write(`${files[i + 1]![0]}: ${counted(t.rows.length, 'instance')} of ${repeat}, ${t.columns.length} columns
`));
      for (const [path] of files.slice(1 + tables.length)) io.stdout.write(`${path}: written
`);
      return 0;
    } catch (e) {
      return reportFailure('csv', e, io);
    }
  },
};

export default verb;
