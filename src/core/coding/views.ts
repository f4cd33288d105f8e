/**
 * What the researcher reads of the coding: every live passage with where it is now (./anchor.ts),
 * passages per code by group (public against private), the code-by-group count table, and the
 * co-occurrence of codes (two codes on one passage, or on passages that overlap in one source).
 */
import type { BundleResponse } from '../bundle/types';
import { anchor, type Anchor } from './anchor';
import { currentRevision } from './merge';
import { sourceKey, sourceText, type TranscriptLookup } from './sources';
import type { CodeRecord, CodingEntry, PassageRecord } from './types';

export interface Codebook {
  /** Live codes (not deleted), in tree order: each parent before its children, then by name. */
  codes: CodeRecord[];
  byId: Map<string, CodeRecord>;
  /** Code ids with more than one revision: coders disagreed. */
  conflicts: string[];
}

export function codebookOf(entries: readonly CodingEntry[], studyId: string): Codebook {
  const live: CodeRecord[] = [];
  const conflicts: string[] = [];
  for (const e of entries) {
    if (e.studyId !== studyId) continue;
    const r = currentRevision(e.revisions);
    if (r.type !== 'code') continue;
    if (e.revisions.length > 1) conflicts.push(e.id);
    if (!r.deleted) live.push(r);
  }
  const byId = new Map(live.map((c) => [c.id, c]));
  const kids = new Map<string, CodeRecord[]>();
  for (const c of live) {
    const p = c.parent && byId.has(c.parent) ? c.parent : '';
    kids.set(p, [...(kids.get(p) ?? []), c]);
  }
  const codes: CodeRecord[] = [];
  const seen = new Set<string>();
  const walk = (p: string) => {
    for (const c of (kids.get(p) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      codes.push(c);
      walk(c.id);
    }
  };
  walk('');
  for (const c of live) if (!seen.has(c.id)) codes.push(c); // a cycle of parents: listed all the same
  return { codes, byId, conflicts: conflicts.sort() };
}

export interface CodedPassage {
  passage: PassageRecord;
  response: BundleResponse;
  /** Where it is in its source's text now. */
  at: Anchor;
  /** The passage's text as the source has it now (the recorded quote when lost). */
  text: string;
  /** The response's answer to the group field ('' when none). */
  group: string;
  /** More than one revision: coders disagreed on this passage. */
  conflict: boolean;
}

export interface PassageQuery {
  studyId: string;
  responses: readonly BundleResponse[];
  entries: readonly CodingEntry[];
  /** A select_one item to group by ("sector"); '' for none. */
  groupBy: string;
  transcripts?: TranscriptLookup;
}

export function codedPassages(q: PassageQuery): CodedPassage[] {
  const byId = new Map(q.responses.map((r) => [r.id, r]));
  const out: CodedPassage[] = [];
  for (const e of q.entries) {
    if (e.studyId !== q.studyId) continue;
    const p = currentRevision(e.revisions);
    if (p.type !== 'passage' || p.deleted) continue;
    const response = byId.get(p.responseId);
    if (!response) continue;
    const text = sourceText(response, p.source, q.transcripts);
    const at = anchor(p, text);
    const g = q.groupBy ? response.answers[q.groupBy]?.value : null;
    out.push({ passage: p, response, at, text: at.status === 'lost' ? p.quote : text!.slice(at.start, at.end), group: typeof g === 'string' ? g : '', conflict: e.revisions.length > 1 });
  }
  return out.sort((a, b) =>
    a.response.respondentCode !== b.response.respondentCode
      ? a.response.respondentCode.localeCompare(b.response.respondentCode)
      : sourceKey(a.passage.source) !== sourceKey(b.passage.source)
        ? sourceKey(a.passage.source).localeCompare(sourceKey(b.passage.source))
        : (a.at.status === 'lost' ? a.passage.start : a.at.start) - (b.at.status === 'lost' ? b.passage.start : b.at.start),
  );
}

/** The passages of one code (or of its children too), by group, groups in `groups` order then the rest. */
export function passagesByGroup(passages: readonly CodedPassage[], codeId: string): Map<string, CodedPassage[]> {
  const out = new Map<string, CodedPassage[]>();
  for (const p of passages) {
    if (!p.passage.codes.includes(codeId)) continue;
    out.set(p.group, [...(out.get(p.group) ?? []), p]);
  }
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export interface CountTable {
  groups: string[];
  /** Per code: passages per group (same order as `groups`), total passages, and respondents. */
  rows: { code: CodeRecord; counts: number[]; total: number; respondents: number }[];
}

export function countTable(codebook: Codebook, passages: readonly CodedPassage[]): CountTable {
  const groups = [...new Set(passages.map((p) => p.group))].sort();
  const rows = codebook.codes.map((code) => {
    const mine = passages.filter((p) => p.passage.codes.includes(code.id));
    return { code, counts: groups.map((g) => mine.filter((p) => p.group === g).length), total: mine.length, respondents: new Set(mine.map((p) => p.response.id)).size };
  });
  return { groups, rows };
}

/**
 * How often two codes meet: on one passage, or on two passages that overlap in one source of one
 * response. `counts[i][j]` for codes i, j of the codebook (the diagonal: passages of the code).
 */
export function coOccurrence(codebook: Codebook, passages: readonly CodedPassage[]): { codes: CodeRecord[]; counts: number[][] } {
  const index = new Map(codebook.codes.map((c, i) => [c.id, i]));
  const n = codebook.codes.length;
  const pairs = new Set<string>();
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const span = (p: CodedPassage) => (p.at.status === 'lost' ? null : p.at);
  const bySource = new Map<string, CodedPassage[]>();
  for (const p of passages) {
    const k = `${p.response.id}\u0000${sourceKey(p.passage.source)}`;
    bySource.set(k, [...(bySource.get(k) ?? []), p]);
    for (const c of p.passage.codes) {
      const i = index.get(c);
      if (i !== undefined) counts[i]![i]! += 1;
    }
  }
  const meet = (a: CodedPassage, b: CodedPassage, key: string) => {
    for (const x of a.passage.codes) {
      for (const y of b.passage.codes) {
        const i = index.get(x);
        const j = index.get(y);
        if (i === undefined || j === undefined || i === j) continue;
        const pair = `${key}\u0000${Math.min(i, j)}\u0000${Math.max(i, j)}`;
        if (pairs.has(pair)) continue;
        pairs.add(pair);
        counts[i]![j]! += 1;
        counts[j]![i]! += 1;
      }
    }
  };
  for (const list of bySource.values()) {
    for (let a = 0; a < list.length; a++) {
      meet(list[a]!, list[a]!, list[a]!.passage.id);
      for (let b = a + 1; b < list.length; b++) {
        const x = span(list[a]!);
        const y = span(list[b]!);
        if (x && y && x.start < y.end && y.start < x.end) meet(list[a]!, list[b]!, `${list[a]!.passage.id}\u0000${list[b]!.passage.id}`);
      }
    }
  }
  return { codes: codebook.codes, counts };
}
