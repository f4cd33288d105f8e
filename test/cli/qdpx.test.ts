import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../support/shared';
import { describe, expect, it } from 'vitest';
import demo from '../../src/cli/demo';
import qdpx from '../../src/cli/qdpx';
import csv from '../../src/cli/csv';
import { DEMO_PASSAGES } from '../../src/core/demo/coding';
import { ROOT, runVerb, scratch } from './run';
import fc from 'fast-check';
import { applyJsonEdits, jsonEdits, runs } from '../core/fuzz/mutate';
import { DalaError } from '../../src/core/errors';

const XSD = join(SHARED_DIR, 'refi-qda/Project.xsd');

/** xmllint is a tool the tests need (test/support/ensure-tools.mjs installs it): its absence fails the test, clearly. */
function xmllint(file: string): string {
  try {
    execFileSync('sh', ['-c', 'command -v xmllint'], { stdio: 'ignore' });
  } catch {
    throw new Error('xmllint is missing: install libxml2-utils (apt-get install -y libxml2-utils), or run `npm test`, whose ensure-tools step installs it');
  }
  try {
    return execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) + 'ok';
  } catch (e) {
    const x = e as { stderr?: string };
    return `invalid: ${x.stderr ?? String(e)}`;
  }
}

/** Unzipped with Python's zipfile: a reader that is not ours. */
function unzip(file: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', file, dir]);
}

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('dala demo and dala qdpx: the paper’s coded interviews as a REFI-QDA project', () => {
  it('writes a project valid against the REFI-QDA schema whose selections point at the quoted words', async () => {
    const dir = scratch();
    const made = await runVerb(demo, ['--out', 'demo'], dir);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('4 example responses, 6 codes, 8 coded passages');
    const study = JSON.parse(readFileSync(join(dir, 'demo/demo-study.json'), 'utf8'));
    expect(study.id).toBe('innovative-civil-service');

    const run = await runVerb(qdpx, ['--form', 'demo/demo-study.json', '--out', 'paper.qdpx', '--passages', 'passages.csv', '--group-by', 'sector', 'demo/demo-bundle.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    unzip(join(dir, 'paper.qdpx'), join(dir, 'x'));
    expect(xmllint(join(dir, 'x/project.qde'))).toMatch(/ok$/);

    const xml = readFileSync(join(dir, 'x/project.qde'), 'utf8');
    expect(readdirSync(join(dir, 'x/Sources'))).toHaveLength(4);
    // The codebook: the paper's six themes.
    const codes = new Map([...xml.matchAll(/<Code [^>]*>/g)].map((m) => [attr(m[0], 'guid')!, unescape(attr(m[0], 'name')!)]));
    expect([...codes.values()].sort()).toEqual(['apathy', 'bottom-up', 'initiative', 'institutional memory', 'leadership', 'top-down']);
    // Every selection, read back from its source file by Unicode characters, is the quoted passage.
    const read: string[] = [];
    for (const source of xml.matchAll(/<TextSource [^>]*>([\s\S]*?)<\/TextSource>/g)) {
      const path = attr(source[0], 'plainTextPath')!.replace('internal://', '');
      const text = [...readFileSync(join(dir, 'x/Sources', path), 'utf8')];
      for (const sel of source[1]!.matchAll(/<PlainTextSelection [^>]*>/g)) {
        const quote = text.slice(Number(attr(sel[0], 'startPosition')), Number(attr(sel[0], 'endPosition'))).join('');
        read.push(quote);
      }
    }
    expect(read.sort()).toEqual(DEMO_PASSAGES.map((p) => p.quote).sort());
    // Cases carry the profile as variables.
    expect(xml).toContain('<TextValue>private</TextValue>');
    expect(xml).toContain('<IntegerValue>35</IntegerValue>');

    const rows = readFileSync(join(dir, 'passages.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('passageId,responseId,respondentCode,group,source,item,start,end,status,codes,text,memo,coder,codedAt');
    expect(rows).toHaveLength(9);
    expect(rows.find((r) => r.includes('demo-passage-3'))).toContain(',R2,private,note,q1,');
  });

  it('a transcript is a text source of its respondent, its coded passage a selection on its words, memos are notes; still valid', async () => {
    const dir = scratch();
    await runVerb(demo, ['--out', 'demo'], dir);
    const bundle = JSON.parse(readFileSync(join(dir, 'demo/demo-bundle.json'), 'utf8'));
    const r2 = bundle.responses.find((r: { respondentCode: string }) => r.respondentCode === 'R2');
    const rev = { device: 'laptop', at: '2026-12-03T10:00:00.000Z', vv: { laptop: 1 } };
    const paragraphs = [{ at: 2, text: 'Q: What would change the civil service?' }, { at: 14.5, text: 'R2: «Инициатива наказуема» — initiative is punishable, so nobody moves.' }];
    bundle.transcripts = [{ type: 'transcript', id: '7a000000-0000-4000-8000-000000000001', studyId: bundle.studies[0].id, responseId: r2.id, paragraphs, markers: [{ item: 'q1', at: 0 }], by: 'laptop', rev }];
    const text = paragraphs.map((p) => p.text).join('\n\n');
    const quote = 'initiative is punishable';
    const start = text.indexOf(quote);
    bundle.coding.push({ type: 'passage', id: 'tp-1', studyId: bundle.studies[0].id, responseId: r2.id, source: { kind: 'transcript', id: '7a000000-0000-4000-8000-000000000001' }, start, end: start + quote.length, quote, before: text.slice(start - 10, start), after: '', codes: ['demo-initiative'], memo: 'Said with a laugh & a sigh', by: 'laptop', rev });
    const code = bundle.coding.find((c: { id: string }) => c.id === 'demo-initiative');
    code.memo = 'Fear of acting first: <the paper> quotes it twice';
    writeFileSync(join(dir, 'with-transcript.json'), JSON.stringify(bundle));

    const run = await runVerb(qdpx, ['--form', 'demo/demo-study.json', '--out', 't.qdpx', 'with-transcript.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('9 coded passages');
    unzip(join(dir, 't.qdpx'), join(dir, 't'));
    expect(xmllint(join(dir, 't/project.qde'))).toMatch(/ok$/);
    const xml = readFileSync(join(dir, 't/project.qde'), 'utf8');
    const source = [...xml.matchAll(/<TextSource [^>]*>([\s\S]*?)<\/TextSource>/g)].find((m) => attr(m[0], 'name') === 'R2')!;
    const chars = [...readFileSync(join(dir, 't/Sources', attr(source[0], 'plainTextPath')!.replace('internal://', '')), 'utf8')];
    expect(chars.join('')).toContain('[Transcript]\nQ: What would change the civil service?\n\nR2: «Инициатива наказуема»');
    const sel = [...source[1]!.matchAll(/<PlainTextSelection [^>]*>[\s\S]*?<\/PlainTextSelection>/g)].find((m) => m[0].includes('Said with a laugh'))!;
    expect(chars.slice(Number(attr(sel[0], 'startPosition')), Number(attr(sel[0], 'endPosition'))).join('')).toBe(quote);
    // Memos: Notes with their text, referred to from the code and from the selection.
    const notes = new Map([...xml.matchAll(/<Note guid="([^"]+)"[^>]*>\s*<PlainTextContent>([^<]*)<\/PlainTextContent>/g)].map((m) => [m[1]!, unescape(m[2]!)]));
    expect([...notes.values()].sort()).toEqual(['Fear of acting first: <the paper> quotes it twice', 'Said with a laugh & a sigh']);
    const codeXml = /<Code [^>]*name="initiative"[^>]*>[\s\S]*?<\/Code>/.exec(xml)![0];
    expect(notes.get(attr(/<NoteRef [^>]*>/.exec(codeXml)![0], 'targetGUID')!)).toContain('Fear of acting first');
    expect(notes.get(attr(/<NoteRef [^>]*>/.exec(sel[0])![0], 'targetGUID')!)).toBe('Said with a laugh & a sigh');

    // dala csv --transcripts: one row per paragraph with its time.
    const csvRun = await runVerb(csv, ['--form', 'demo/demo-study.json', '--out', 'data.csv', '--transcripts', 'transcripts.csv', 'with-transcript.json'], dir);
    expect(csvRun.code).toBe(0);
    const lines = readFileSync(join(dir, 'transcripts.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('transcriptId,responseId,respondentCode,media,revision,paragraph,start,time,item,text,transcriber,savedAt');
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 9))).toEqual([
      ['R2', '', '', '1', '2', '0:02', 'q1'],
      ['R2', '', '', '2', '14.5', '0:14', 'q1'],
    ]);
  });

  it('refuses a missing form clearly (exit 2) and writes nothing', async () => {
    const dir = scratch();
    const run = await runVerb(qdpx, ['--out', 'x.qdpx', 'a.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--form FORM is required');
  });

  it('dala csv --audit writes the audit log of the responses in ODK’s layout', async () => {
    const dir = scratch();
    await runVerb(demo, ['--out', 'demo'], dir);
    const bundle = JSON.parse(readFileSync(join(dir, 'demo/demo-bundle.json'), 'utf8'));
    const id = bundle.responses[0].id;
    bundle.paradata = [
      { responseId: id, at: '2020-03-01T00:00:01.000Z', event: 'change', item: 'q2', data: { field: 'value', old: '', new: 'A' } },
      { responseId: id, at: '2020-03-01T00:00:02.000Z', event: 'change', item: 'q2', data: { field: 'value', old: 'A', new: 'B' } },
    ];
    writeFileSync(join(dir, 'with-audit.json'), JSON.stringify(bundle));
    const run = await runVerb(csv, ['--form', 'demo/demo-study.json', '--out', 'data.csv', '--audit', 'audit.csv', 'with-audit.json'], dir);
    expect(run.code).toBe(0);
    const lines = readFileSync(join(dir, 'audit.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('instanceID,event,node,start,end,old-value,new-value');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 3).concat(l.split(',').slice(5)))).toEqual([
      ['question', '/data/q2', '', 'A'],
      ['question', '/data/q2', 'A', 'B'],
    ]);
  });
});

describe('fuzz: dala qdpx on mutated coded bundles never exits 1', () => {
  it('a mutated demo bundle (codes, passages, notes) is read or refused with exit 2', async () => {
    const dir = scratch();
    await runVerb(demo, ['--out', 'demo'], dir);
    const seed = JSON.parse(readFileSync(join(dir, 'demo/demo-bundle.json'), 'utf8')) as unknown;
    await fc.assert(
      fc.asyncProperty(jsonEdits, async (edits) => {
        writeFileSync(join(dir, 'fuzz.json'), applyJsonEdits(seed, edits));
        let code: number;
        try {
          const run = await runVerb(qdpx, ['--form', 'demo/demo-study.json', '--out', 'out.qdpx', '--passages', 'p.csv', '--group-by', 'sector', 'fuzz.json'], dir);
          code = run.code;
          if (code === 2) expect(run.stderr.length).toBeGreaterThan(0);
        } catch (e) {
          if (!(e instanceof DalaError)) throw e;
          code = 2;
        }
        expect([0, 2]).toContain(code);
      }),
      runs(120),
    );
  }, 120_000);
});
