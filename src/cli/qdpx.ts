/**
 * `dala qdpx`: the coded data of a study as a REFI-QDA project (.qdpx), and on request the coded
 * passages as CSV (docs/coding.md).
 */
import { resolve } from 'node:path';
import { codebookOf, codedPassages } from '../core/coding/views';
import { qdpxProject, qdpxZip } from '../core/coding/qdpx';
import { passageRows, PASSAGE_HEADER } from '../core/coding/csv';
import type { CodingEntry } from '../core/coding/types';
import { csvText } from '../core/csv/write';
import { transcriptLookup } from '../core/transcripts/text';
import { addBundleTo, DatasetBuilder } from '../core/merge/dataset';
import { currentResponses } from '../core/merge/resolve';
import { counted } from '../core/count';
import { errorLines, openInputs, parseFlags, readForm, readKeys, refuseInputAsOutput, reportFailure, usage, warnSetAside, writeAtomically } from './inputs';
import type { Verb } from './verb';

const HELP = `Usage: npm run dala -- qdpx --form FORM --out FILE.qdpx [--passages FILE.csv] [--group-by ITEM]
                          [--lang LANG] [--identity FILE]... [--passphrase-file FILE] INPUT...

Writes the REFI-QDA project (.qdpx) of FORM's study from bundles (encrypted or not, merged as
\`dala merge\` reads them): every text answer, "Other" text, note and transcript of a respondent as one
text source, the study's codebook, the coded passages as selections with their codes, and the
respondents' profile answers (the form's first section) as case variables. ATLAS.ti, MAXQDA, NVivo,
QDA Miner and QualCoder import it. A passage whose text was edited away is left out (and counted).

  --form FORM           the study's form (instrument JSON or XLSForm)
  --out FILE.qdpx       the project
  --passages FILE.csv   also write the coded passages as CSV, one row per passage
  --group-by ITEM       the passages' group column (a select_one item, such as sector)
  --lang LANG           the language of the source headings and variable labels (default: the form's first)
  --identity FILE       an age identity file to decrypt bundles with; repeatable
  --passphrase-file F   a file whose first line is the passphrase of passphrase-protected bundles
  INPUT...              bundles (.dala.age, .json)

Exit status: 0 written; 2 bad input (nothing written); 1 internal error.`;

const verb: Verb = {
  help: HELP,
  async run(argv, io) {
    try {
      const args = parseFlags(argv, { '--form': 'value', '--out': 'value', '--passages': 'value', '--group-by': 'value', '--lang': 'value', '--identity': 'list', '--passphrase-file': 'value' });
      const formPath = args.values.get('--form');
      const out = args.values.get('--out');
      if (!formPath) usage('--form FORM is required');
      if (!out) usage('--out FILE.qdpx is required');
      if (args.positional.length === 0) usage('no INPUT file given');
      for (const flag of ['--out', '--passages']) {
        const path = args.values.get(flag);
        if (path !== undefined) await refuseInputAsOutput(path, [formPath, ...args.positional], io.cwd, flag, 'the export');
      }
      const form = await readForm(formPath, io.cwd, io);
      const lang = args.values.get('--lang');
      if (lang !== undefined && !form.languages.includes(lang)) usage(`--lang: the form has no language '${lang}' (it has ${form.languages.join(', ')})`);
      const groupBy = args.values.get('--group-by') ?? '';
      if (groupBy && !form.sections.some((s) => s.items.some((i) => i.name === groupBy && i.type === 'select_one'))) usage(`--group-by: the form has no single-choice item '${groupBy}'`);
      const keys = await readKeys(args.lists.get('--identity') ?? [], args.values.get('--passphrase-file'), io.cwd);
      const opened = await openInputs(args.positional, keys, [form], io.cwd);
      const refused = opened.flatMap((o) => ('error' in o ? errorLines(o.error) : []));
      if (refused.length > 0) {
        io.stderr.write(`dala qdpx: ${opened.filter((o) => 'error' in o).length} of ${opened.length} input files refused; nothing written\n`);
        for (const line of refused) io.stderr.write(`  ${line}\n`);
        return 2;
      }
      warnSetAside('qdpx', opened, io);
      const builder = new DatasetBuilder();
      for (const o of opened) if ('bundle' in o) addBundleTo(builder, o.bundle);
      const dataset = builder.build();
      const responses = currentResponses(dataset).filter((r) => r.studyId === form.id);
      const entries: CodingEntry[] = [...dataset.coding].map(([id, revisions]) => ({ id, studyId: revisions[0]!.studyId, revisions: [...revisions] }));
      const codebook = codebookOf(entries, form.id);
      const transcripts = transcriptLookup([...dataset.transcripts].map(([id, revisions]) => ({ id, studyId: revisions[0]!.studyId, revisions: [...revisions] })));
      const passages = codedPassages({ studyId: form.id, responses, entries, groupBy, transcripts });
      const conflicts = entries.filter((e) => e.studyId === form.id && e.revisions.length > 1).length;
      if (conflicts > 0) io.stderr.write(`warning: ${counted(conflicts, 'code or passage', 'codes or passages')} in conflict (two coders disagreed); the latest revision of each is exported\n`);
      const project = await qdpxProject({ instrument: form, responses, codebook, passages, createdAt: new Date().toISOString(), transcripts, ...(lang ? { lang } : {}) });
      if (project.lost > 0) io.stderr.write(`warning: ${counted(project.lost, 'coded passage')} left out: the text it coded is no longer there\n`);
      const files: [string, string | Uint8Array][] = [[out, qdpxZip(project)]];
      const csvPath = args.values.get('--passages');
      if (csvPath) files.push([csvPath, csvText(PASSAGE_HEADER, passageRows(codebook, passages))]);
      for (const [path, data] of files) await writeAtomically(resolve(io.cwd, path), data);
      io.stdout.write(`${out}: ${project.sources.size} sources, ${codebook.codes.length} codes, ${passages.length - project.lost} coded passages\n`);
      if (csvPath) io.stdout.write(`${csvPath}: ${passages.length} passages\n`);
      return 0;
    } catch (e) {
      return reportFailure('qdpx', e, io);
    }
  },
};

export default verb;
