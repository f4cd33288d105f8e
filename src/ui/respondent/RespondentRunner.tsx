import { useState } from 'preact/hooks';
import { useApp } from '../context';
import { runnerPending } from '../components/SectionScreen';
import { useFormState, useRunner } from '../interviewer/useRunner';
import { SelfRunner } from './SelfRunner';

/**
 * The respondent alone over a study link: the respondent's part of the study (skip logic decides
 * what applies), with progress, back and forward. The section is remembered with the session, so a
 * link opened again resumes where the respondent left. Finishing marks the session complete.
 */
export function RespondentRunner(p: { sessionId: string; start: number; onDone(): void }) {
  const { app, t } = useApp();
  const r = useRunner(p.sessionId);
  const form = useFormState(r);
  const [busy, setBusy] = useState(false);
  const pending = runnerPending(r);
  if (pending) return pending;
  if (!r.session || !r.study || !form) return <p role="alert">{t('unknownSession')}</p>;
  const session = r.session;
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
    <SelfRunner
      r={r}
      form={form}
      start={p.start}
      finishLabel={t('kioskFinish')}
      onSection={(i) => void app.setLastSection(session.id, i).then(r.setSession)}
      onFinish={() => void finish()}
      empty={<p role="alert">{t('selfNothingToAsk')}</p>}
    />
  );
}
