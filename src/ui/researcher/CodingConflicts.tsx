/**
 * Coders' disagreements after a merge (docs/coding.md, "Merging"): each code or passage that two
 * researchers changed apart, both versions side by side; the researcher keeps one. Until then both
 * are kept (and travel), so nothing is lost.
 */
import type { CodingService, CodingView } from '../../app/coding';
import { currentRevision } from '../../core/coding/merge';
import type { CodingRecord } from '../../core/coding/types';
import { useApp } from '../context';
import { ConflictPicker } from './ConflictPicker';

export function CodingConflicts(p: { view: CodingView; service: CodingService; onDone: () => unknown }) {
  const { t } = useApp();
  const open = p.view.entries.filter((e) => e.revisions.length > 1);
  if (open.length === 0) return null;
  const name = (id: string) => p.view.codebook.byId.get(id)?.name ?? id;
  const describe = (r: CodingRecord) =>
    r.deleted ? (
      <p class="badge">{t('codingDeleted')}</p>
    ) : r.type === 'code' ? (
      <p>
        <span class="code-chip" style={{ borderColor: r.color }}>{r.name}</span> <span class="muted small">{r.description}</span>
        {r.memo && <span class="small"> — {r.memo}</span>}
      </p>
    ) : (
      <p>
        {r.codes.map((c) => (
          <span key={c} class="code-chip">
            {name(c)}
          </span>
        ))}
        {r.memo && <span class="small"> — {r.memo}</span>}
      </p>
    );
  return (
    <section class="coding-conflicts" data-testid="coding-conflicts">
      <h2>{t('codingConflicts')}</h2>
      {open.map((e) => {
        const cur = currentRevision(e.revisions);
        const title = cur.type === 'code' ? t('codeConflictTitle', { name: cur.name }) : t('passageConflictTitle', { text: cur.quote.slice(0, 60), code: p.view.responses.find((r) => r.id === cur.responseId)?.respondentCode ?? '' });
        return <ConflictPicker<CodingRecord> key={e.id} title={title} revisions={e.revisions} describe={describe} onKeep={async (r) => (await p.service.keep(r), p.onDone())} />;
      })}
    </section>
  );
}
