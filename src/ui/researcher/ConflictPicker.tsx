/**
 * A record two devices changed apart (a code, a coded passage, a transcript): each version side by
 * side, and "Keep this version". Nothing is lost until the researcher picks: until then every
 * version is kept (and travels in bundles); the pick is a new revision that follows them all.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Revision } from '../../core/bundle/types';
import { useApp } from '../context';

export function ConflictPicker<R extends { rev: Revision; by?: string }>(p: { title: ComponentChildren; revisions: readonly R[]; describe: (r: R) => ComponentChildren; onKeep: (r: R) => Promise<unknown> }) {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  return (
    <section class="conflict-picker" data-testid="conflict-picker">
      <h3>{p.title}</h3>
      <p class="hint">{t('conflictPickHint')}</p>
      <div class="conflict-sides">
        {p.revisions.map((r, i) => (
          <div key={`${r.rev.device}:${r.rev.at}:${i}`} class="conflict-side" data-testid="conflict-side">
            <p class="muted small">{t('conflictVersionBy', { who: r.by ?? r.rev.device, at: new Date(r.rev.at).toLocaleString() })}</p>
            {p.describe(r)}
            <button
              type="button"
              class="btn small"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  await p.onKeep(r);
                } finally {
                  setBusy(false);
                }
              }}
              data-testid="conflict-keep"
            >
              {t('conflictKeep')}
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
