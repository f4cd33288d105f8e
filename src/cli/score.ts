/**
 * `dala score`: the scale table, item table, priority of the scales and group comparison of a study's
 * data (docs/scoring.md), from its instrument JSON and one or more CSV exports or bundles.
 */
import { basename, resolve } from 'node:path';
import Papa from 'papaparse';
import { counted } from '../core/count';
import { responsesFromRows, type ReadResponse } from '../core/csv/read-responses';
import { DalaError, type Problem } from '../core/errors';
import type { Instrument } from '../core/instrument/types';
import { DatasetBuilder, addBundleTo, conflictIds } from '../core/merge/dataset';
import { currentResponses } from '../core/merge/resolve';
import { scaleTableCsv, scoreStudy } from '../core/scoring';
import { InputProblems, openInputs, readBytes, readForm, readKeys, reportFailure, warnSetAside } from './inputs';
import { analysedValue } from '../core/csv/export';
import type { Io, Verb } from './verb';

const HELP = `Usage: npm run dala -- score --form FORM [--group-by FIELD] [--format json|csv]
                           [--identity FILE]... [--passphrase-file FILE] DATA...

Scores a study: per scale n, mean, sd, median, min, max and Cronbach's alpha; per item n, mean, sd,
corrected item-total correlation and top-two share; Kendall's W over the scales; with --group-by, the
scale means per level and Mann-Whitney (two levels) or Kruskal-Wallis (more) per scale.
Definitions: docs/scoring.md.

  --form FORM        the instrument: an instrument JSON, or an XLSForm (.xlsx or .xls) converted on the fly
  --group-by FIELD   a single-choice item of the form whose levels are compared
  --format json|csv  json (default): the whole report; csv: the scale table
  DATA...            CSV files: a header row naming the form's items (group paths such as
                     profile/sector or profile-sector are read by their last part; other columns
                     are ignored), one response per row, identified by instanceID or _uuid;
                     or bundles (.json, .dala.age): the responses of the form's study, merged
                     (a conflict is scored as its latest revision)
  --identity FILE    an age identity file to decrypt bundles with; repeatable
  --passphrase-file F  a file whose first line is the passphrase of passphrase-protected bundles

Exit status: 0 scored; 2 bad input (a one-line reason, then the problems); 1 internal error.`;

interface Args {
  form: string;
  groupBy?: string;
  format: 'json' | 'csv';
  data: string[];
  identities: string[];
  passphraseFile?: string;
}

function usage(message: string): never {
  throw new DalaError('usage', `${message} (see --help)`);
}

function parseArgs(args: string[]): Args {
  let form: string | undefined;
  let groupBy: string | undefined;
  let format: string = 'json';
  let passphraseFile: string | undefined;
  const identities: string[] = [];
  const data: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) usage(`${flag} needs a value`);
      return next;
    };
    if (flag === '--form') form = value();
    else if (flag === '--group-by') groupBy = value();
    else if (flag === '--format') format = value();
    else if (flag === '--identity') identities.push(value());
    else if (flag === '--passphrase-file') passphraseFile = value();
    else if (arg === '--') {
      data.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') usage(`unknown option '${arg}'`);
    else data.push(arg);
  }
  if (!form) usage('--form FORM is required');
  if (format !== 'json' && format !== 'csv') usage(`--format must be json or csv, not '${format}'`);
  if (data.length === 0) usage('no DATA file given');
  return {
    form,
    format,
    data,
    identities,
    ...(groupBy !== undefined ? { groupBy } : {}),
    ...(passphraseFile !== undefined ? { passphraseFile } : {}),
  };
}

/** A bundle by its name: .json, .age (also .dala.age); everything else is read as CSV. */
const isBundlePath = (path: string) => /\.(json|age)$/i.test(path);

async function readData(instrument: Instrument, args: Args, cwd: string, io: Io): Promise<ReadResponse[]> {
  const paths = args.data;
  const responses: ReadResponse[] = [];
  const problems: Problem[] = [];
  const idFile = new Map<string, string>();
  const bundlePaths = paths.filter(isBundlePath);
  if (bundlePaths.length > 0) {
    const keys = await readKeys(args.identities, args.passphraseFile, cwd);
    const builder = new DatasetBuilder();
    const fileOf = new Map<string, string>();
    for (const o of await openInputs(bundlePaths, keys, [instrument], cwd)) {
      if ('error' in o) {
        problems.push({ severity: 'error', message: o.error.message });
        continue;
      }
      warnSetAside('score', [o], io);
      addBundleTo(builder, o.bundle);
      for (const r of o.bundle.responses) if (!fileOf.has(r.id)) fileOf.set(r.id, o.file);
    }
    const dataset = builder.build();
    let otherStudies = 0;
    // Revisions that join without a conflict (each device added members) are no conflict: their join is scored.
    const conflicted = new Set(conflictIds(dataset));
    let conflicts = 0;
    for (const r of currentResponses(dataset)) {
      if (r.studyId !== instrument.id) {
        otherStudies++;
        continue;
      }
      if (conflicted.has(r.id)) conflicts++;
      idFile.set(r.id, fileOf.get(r.id)!);
      const answers: Record<string, ReadResponse['answers'][string]> = {};
      for (const [item, a] of Object.entries(r.answers)) answers[item] = analysedValue(a);
      responses.push({ id: r.id, answers });
    }
    if (otherStudies > 0) io.stderr.write(`warning: ${counted(otherStudies, 'response')} of other studies left out (the form is study ${instrument.id})\n`);
    if (conflicts > 0) io.stderr.write(`warning: ${counted(conflicts, 'response')} in conflict; the latest revision of each is scored\n`);
  }
  for (const path of paths.filter((p) => !isBundlePath(p))) {
    const file = basename(path);
    const parsed = Papa.parse<string[]>(new TextDecoder().decode(await readBytes(path, cwd)), { skipEmptyLines: 'greedy' });
    for (const e of parsed.errors) {
      const p: Problem = { severity: 'error', file, message: e.message };
      if (e.row !== undefined) p.row = e.row + 1;
      problems.push(p);
    }
    const read = responsesFromRows(instrument, parsed.data, file);
    problems.push(...read.problems);
    if (read.columns.length === 0 && read.problems.length === 0) {
      problems.push({ severity: 'error', file, message: 'no column names an item of the form (is it the right form?)' });
    }
    for (const r of read.responses) {
      const other = idFile.get(r.id);
      if (other !== undefined) {
        problems.push({ severity: 'error', file, message: `response id '${r.id}' is also in ${other}` });
        continue;
      }
      idFile.set(r.id, file);
      responses.push(r);
    }
  }
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new InputProblems(`the data has ${counted(errors.length, 'problem')}`, problems);
  }
  return responses;
}

const score: Verb = {
  help: HELP,
  async run(argv, io) {
    try {
      const args = parseArgs(argv);
      const instrument = await readForm(args.form, io.cwd, io);
      const responses = await readData(instrument, args, io.cwd, io);
      const report = scoreStudy(instrument, responses, args.groupBy !== undefined ? { groupBy: args.groupBy } : {});
      io.stdout.write(args.format === 'csv' ? scaleTableCsv(report) : JSON.stringify(report, null, 2) + '\n');
      return 0;
    } catch (e) {
      return reportFailure('score', e, io);
    }
  },
};

export default score;
