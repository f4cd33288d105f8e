import { useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import { useApp } from '../context';
import { RunnerProgress, SectionScreen, runnerPending } from '../components/SectionScreen';
import { useFormState, useRunner } from '../interviewer/useRunner';

/**
 * The respondent alone: every section of the study that applies (skip logic decides), one per screen,
 * with progress, back and forward, and no notes. The section is remembered with the session, so a
 * link opened again resumes where the respondent left. Finishing marks the session complete.
 */
export function RespondentRunner(p: { sessionId: string; start: number; onDone(): void }) {
  const { app, t } = useApp();
  const r = useRunner(p.sessionId);
  const form = useFormState(r.study, r.answers);
  const [idx, setIdx] = useState(p.start);
  const [busy, setBusy] = useState(false);
  const pending = runnerPending(r);
  if (pending) return pending;
  if (!r.session || !r.study || !form) return <p role="alert">{t('unknownSession')}</p>;
  const session = r.session;
  const ins = r.study.instrument;
  const shown = ins.sections.map((_, i) => i).filter((i) => form.sections[i]?.relevant);
  if (shown.length === 0) return <p role="alert">{t('unknownSession')}</p>;
  // A section that no longer applies (an answer changed) gives way to the next one that does.
  const pos = Math.max(0, shown.findIndex((i) => i >= idx));
  const current = shown[pos]!;
  const prev = shown[pos - 1];
  const next = shown[pos + 1];
  const answered = shown.reduce((n, i) => n + (form.sections[i]?.answered ?? 0), 0);
  const answerable = shown.reduce((n, i) => n + (form.sections[i]?.answerable ?? 0), 0);

  const goTo = (i: number) => {
    setIdx(i);
    void app.setLastSection(session.id, i).then(r.setSession);
  };
  const finish = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await r.flush();
      r.setSession(await app.completeSession(session.id));
      p.onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="runner" data-testid="self-runner">
      <RunnerProgress r={r} answered={answered} answerable={answerable} caption={<span lang={session.lang}>{localize(ins.title, session.lang)}</span>} />
      <SectionScreen
        r={r}
        form={form}
        idx={current}
        position={{ n: pos + 1, total: shown.length }}
        readOnly={r.locked}
        notes={false}
        hasPrev={prev !== undefined}
        nextLabel={next !== undefined ? t('next') : t('kioskFinish')}
        onPrev={() => prev !== undefined && goTo(prev)}
        onNext={() => (next !== undefined ? goTo(next) : void finish())}
      />
    </div>
  );
}
