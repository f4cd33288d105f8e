/**
 * A REFI-QDA project (.qdpx: docs/coding.md): a zip with `project.qde` (QDA-XML 1.0, valid against
 * shared/refi-qda/Project.xsd) and one plain-text source per respondent under `Sources/`, which
 * ATLAS.ti, MAXQDA, NVivo, QDA Miner and QualCoder import.
 *
 * - The codebook: every live code, nested by parent, with its colour and description.
 * - Sources: one text per respondent, holding each of their text sources (text answers, "Other"
 *   texts, notes, transcripts) under a heading line, in the instrument's order.
 * - Selections: each coded passage that is not lost, as a PlainTextSelection at its place in that
 *   text, in Unicode characters (code points), with one Coding per code.
 * - Cases: one per respondent, with the first section's answers (the profile) as case variables.
 * - Memos: a code's or a passage's memo is a Note (under Notes), referred to by a NoteRef from the
 *   code or the selection; a passage's memo is also its selection's Description.
 * Every GUID is derived from the Dala id it stands for, so the same data gives the same project.
 */
import { utf8, uuidFromText } from '../bundle/canonical';
import type { BundleResponse } from '../bundle/types';
import { localize, type Instrument, type Item } from '../instrument/types';
import { codePointIndex } from './anchor';
import { sourceKey, textSources, type TranscriptLookup } from './sources';
import type { Codebook, CodedPassage } from './views';
import { zipStore } from './zip-write';

export interface QdpxInput {
  instrument: Instrument;
  responses: readonly BundleResponse[];
  codebook: Codebook;
  passages: readonly CodedPassage[];
  /** ISO time of the export. */
  createdAt: string;
  lang?: string;
  transcripts?: TranscriptLookup;
}

export interface QdpxProject {
  /** project.qde */
  xml: string;
  /** Sources/<guid>.txt -> text */
  sources: Map<string, string>;
  /** Passages left out because their text is gone. */
  lost: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
const ISO_SECONDS = (iso: string) => (Number.isFinite(Date.parse(iso)) ? new Date(Date.parse(iso)).toISOString().replace(/\.\d{3}Z$/, 'Z') : '1970-01-01T00:00:00Z');

function headingOf(instrument: Instrument, kind: string, item: Item | undefined, lang: string, label?: string, instance?: string): string {
  const name = item ? `${instance ? `${instance}: ` : ''}${item.name}: ${localize(item.label, lang)}` : (label ?? 'transcript');
  return kind === 'note' ? `[${name} (interviewer's note)]` : kind === 'other' ? `[${name} (other, specify)]` : `[${name}]`;
}

export async function qdpxProject(input: QdpxInput): Promise<QdpxProject> {
  const lang = input.lang ?? input.instrument.languages[0] ?? 'en';
  const items = new Map<string, Item>();
  for (const s of input.instrument.sections) for (const i of s.items) items.set(i.name, i);
  const guid = (what: string) => uuidFromText(`dala-qdpx\u0000${input.instrument.id}\u0000${what}`);
  const created = ISO_SECONDS(input.createdAt);

  // Codes, nested.
  const codeGuid = new Map<string, string>();
  for (const c of input.codebook.codes) codeGuid.set(c.id, await guid(`code\u0000${c.id}`));
  const children = new Map<string, typeof input.codebook.codes>();
  for (const c of input.codebook.codes) {
    const p = c.parent && input.codebook.byId.has(c.parent) ? c.parent : '';
    children.set(p, [...(children.get(p) ?? []), c]);
  }
  // Memos: one Note each, referred to from the code or the selection.
  let notesXml = '';
  const noteRef = async (what: string, name: string, memo: string, at: string, pad: string) => {
    const g = await guid(`note\u0000${what}`);
    notesXml += `    <Note guid="${g}" name="${esc(name)}" creationDateTime="${ISO_SECONDS(at)}">\n      <PlainTextContent>${esc(memo)}</PlainTextContent>\n    </Note>\n`;
    return `${pad}<NoteRef targetGUID="${g}"/>\n`;
  };
  const codeNote = new Map<string, string>();
  for (const c of input.codebook.codes) if (c.memo) codeNote.set(c.id, await noteRef(`code\u0000${c.id}`, `Memo: ${c.name}`, c.memo, c.rev.at, ''));
  const written = new Set<string>();
  const codeXml = (parent: string, depth: number): string =>
    (children.get(parent) ?? [])
      .filter((c) => !written.has(c.id) && written.add(c.id))
      .map((c) => {
        const pad = '  '.repeat(depth);
        const inner = (c.description ? `${pad}  <Description>${esc(c.description)}</Description>\n` : '') + (codeNote.has(c.id) ? `${pad}  ${codeNote.get(c.id)}` : '') + codeXml(c.id, depth + 1);
        const open = `${pad}<Code guid="${codeGuid.get(c.id)}" name="${esc(c.name)}" isCodable="true" color="${/^#[0-9a-fA-F]{6}$/.test(c.color) ? c.color : '#888888'}"`;
        return inner ? `${open}>\n${inner}${pad}</Code>\n` : `${open}/>\n`;
      })
      .join('');
  let codes = codeXml('', 3);
  for (const c of input.codebook.codes) if (!written.has(c.id)) codes += `      <Code guid="${codeGuid.get(c.id)}" name="${esc(c.name)}" isCodable="true"/>\n`;

  // Variables: the first section's items (the profile).
  const profile = (input.instrument.sections[0]?.items ?? []).filter((i) => !i.personal && i.type !== 'note' && i.type !== 'calculate');
  const varGuid = new Map<string, string>();
  for (const i of profile) varGuid.set(i.name, await guid(`variable\u0000${i.name}`));
  const varType = (i: Item) => (i.type === 'integer' ? 'Integer' : i.type === 'decimal' ? 'Float' : i.type === 'date' ? 'Date' : 'Text');
  const variables = profile.map((i) => `    <Variable guid="${varGuid.get(i.name)}" name="${esc(i.name)}" typeOfVariable="${varType(i)}"><Description>${esc(localize(i.label, lang))}</Description></Variable>\n`).join('');

  // Sources and selections, one text per respondent.
  const sources = new Map<string, string>();
  let sourcesXml = '';
  let casesXml = '';
  let lost = 0;
  const byResponse = new Map<string, CodedPassage[]>();
  for (const p of input.passages) byResponse.set(p.response.id, [...(byResponse.get(p.response.id) ?? []), p]);
  const responses = [...input.responses].sort((a, b) => a.respondentCode.localeCompare(b.respondentCode) || a.id.localeCompare(b.id));
  for (const r of responses) {
    const parts = textSources(input.instrument, r, input.transcripts, lang);
    const mine = byResponse.get(r.id) ?? [];
    if (parts.length === 0 && mine.length === 0) continue;
    let text = '';
    const offsetOf = new Map<string, number>();
    const transcriptLabels = new Map((input.transcripts?.(r) ?? []).map((t) => [t.id, t.label]));
    for (const part of parts) {
      const heading = headingOf(input.instrument, part.ref.kind, part.item ? items.get(part.item) : undefined, lang, part.ref.kind === 'transcript' ? transcriptLabels.get(part.ref.id) : undefined, part.instance);
      text += `${heading}\n`;
      offsetOf.set(sourceKey(part.ref), text.length);
      text += `${part.text}\n\n`;
    }
    const sGuid = await guid(`source\u0000${r.id}`);
    sources.set(`${sGuid}.txt`, text);
    let selections = '';
    for (const p of mine) {
      const base = offsetOf.get(sourceKey(p.passage.source));
      if (p.at.status === 'lost' || base === undefined) {
        lost++;
        continue;
      }
      const start = codePointIndex(text, base + p.at.start);
      const end = codePointIndex(text, base + p.at.end);
      const codings: string[] = [];
      for (const c of p.passage.codes) {
        const g = codeGuid.get(c);
        if (g) codings.push(`        <Coding guid="${await guid(`coding\u0000${p.passage.id}\u0000${c}`)}" creationDateTime="${ISO_SECONDS(p.passage.rev.at)}"><CodeRef targetGUID="${g}"/></Coding>\n`);
      }
      const memo = p.passage.memo ? `        <Description>${esc(p.passage.memo)}</Description>\n` : '';
      const note = p.passage.memo ? await noteRef(`passage\u0000${p.passage.id}`, `Memo: ${p.text.slice(0, 40)}`, p.passage.memo, p.passage.rev.at, '        ') : '';
      selections += `      <PlainTextSelection guid="${await guid(`selection\u0000${p.passage.id}`)}" name="${esc(p.text.slice(0, 60))}" startPosition="${start}" endPosition="${end}" creationDateTime="${ISO_SECONDS(p.passage.rev.at)}">\n${memo}${codings.join('')}${note}      </PlainTextSelection>\n`;
    }
    sourcesXml += `    <TextSource guid="${sGuid}" name="${esc(r.respondentCode)}" plainTextPath="internal://${sGuid}.txt" creationDateTime="${created}">\n${selections}    </TextSource>\n`;
    const values = profile
      .map((i) => {
        const v = r.answers[i.name]?.value;
        if (v === null || v === undefined || v === '') return '';
        const g = varGuid.get(i.name);
        const t = varType(i);
        const cell =
          t === 'Integer' && typeof v === 'number' && Number.isInteger(v) ? `<IntegerValue>${v}</IntegerValue>`
          : t === 'Float' && typeof v === 'number' ? `<FloatValue>${v}</FloatValue>`
          : t === 'Date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `<DateValue>${v}</DateValue>`
          : `<TextValue>${esc(Array.isArray(v) ? v.join(' ') : String(v))}</TextValue>`;
        return `      <VariableValue><VariableRef targetGUID="${g}"/>${cell}</VariableValue>\n`;
      })
      .join('');
    casesXml += `    <Case guid="${await guid(`case\u0000${r.id}`)}" name="${esc(r.respondentCode)}">\n${values}      <SourceRef targetGUID="${sGuid}"/>\n    </Case>\n`;
  }

  const xml =
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<Project xmlns="urn:QDA-XML:project:1.0" name="${esc(localize(input.instrument.title, lang))}" origin="Dala" creationDateTime="${created}">\n` +
    (codes ? `  <CodeBook>\n    <Codes>\n${codes}    </Codes>\n  </CodeBook>\n` : '') +
    (variables ? `  <Variables>\n${variables}  </Variables>\n` : '') +
    (casesXml ? `  <Cases>\n${casesXml}  </Cases>\n` : '') +
    (sourcesXml ? `  <Sources>\n${sourcesXml}  </Sources>\n` : '') +
    (notesXml ? `  <Notes>\n${notesXml}  </Notes>\n` : '') +
    `  <Description>${esc(`${input.instrument.id} ${input.instrument.studyVersion}: coded passages exported by Dala`)}</Description>\n` +
    `</Project>\n`;
  return { xml, sources, lost };
}

/** The .qdpx file: project.qde and Sources/. */
export function qdpxZip(project: QdpxProject): Uint8Array {
  return zipStore([{ name: 'project.qde', data: utf8(project.xml) }, ...[...project.sources].map(([name, text]) => ({ name: `Sources/${name}`, data: utf8(text) }))]);
}
