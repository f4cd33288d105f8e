/**
 * Coded passages as CSV rows (docs/coding.md): one row per passage, with its respondent, group,
 * source, where it is now (status ok / moved / lost), its codes by name, its text and memo.
 */
import type { Cell } from '../csv/write';
import type { Codebook, CodedPassage } from './views';

export const PASSAGE_HEADER = ['passageId', 'responseId', 'respondentCode', 'group', 'source', 'item', 'start', 'end', 'status', 'codes', 'text', 'memo', 'coder', 'codedAt'];

export function passageRows(codebook: Codebook, passages: readonly CodedPassage[]): Cell[][] {
  return passages.map((p) => {
    const s = p.passage.source;
    return [
      p.passage.id,
      p.response.id,
      p.response.respondentCode,
      p.group,
      s.kind,
      s.kind === 'transcript' ? s.id : s.item,
      p.at.status === 'lost' ? null : p.at.start,
      p.at.status === 'lost' ? null : p.at.end,
      p.at.status,
      p.passage.codes.map((c) => codebook.byId.get(c)?.name ?? c).join('; '),
      p.text,
      p.passage.memo ?? '',
      p.passage.by,
      p.passage.rev.at,
    ];
  });
}
