import { localize } from '../../core/instrument/types';
import type { FormState } from '../../core/responses/form-state';
import { useApp } from '../context';
import { go, href } from '../route';
import type { RunnerState } from './useRunner';

/** Before completing: what is missing per section; completing needs every required answer. */
export function Review(p: { runner: RunnerState; form: FormState; readOnly: boolean }) {
  const { app, t } = useApp();
  const { session, study } = p.runner;
  if (!session || !study) return null;
  const lang = session.lang;
  const missing = p.form.sections.reduce((n, s) => n + (s.relevant ? s.issues : 0), 0);
  const complete = async () => {
    await p.runner.flush();
    const s = await app.completeSession(session.id);
    p.runner.setSession(s);
    go({ name: 'sessions' });
  };
  const reopen = async () => {
    const s = await app.reopenSession(session.id);
    p.runner.setSession(s);
    go({ name: 'session', id: session.id, section: 0 });
  };
  return (
    <section class="section" aria-labelledby="review-h" data-testid="review">
      <h1 id="review-h">{t('reviewTitle')}</h1>
      {session.example && <p class="notice">{t('exampleNote')}</p>}
      <ul class="review-list">
        {study.instrument.sections.map((s, i) => {
          const st = p.form.sections[i]!;
          return (
            <li key={s.name} class={!st.relevant ? 'skipped' : st.issues ? 'issues' : 'ok'}>
              <a href={href({ name: 'session', id: session.id, section: i })}>{localize(s.label, lang)}</a>{' '}
              <span class="muted small">
                {st.relevant ? `${st.answered}/${st.answerable}` : '—'}
                {st.relevant && st.issues ? ` · ${t('reviewMissing', { n: st.issues })}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
      {session.status === 'complete' ? (
        <>
          <p class="notice" data-testid="completed">{t('completed')}</p>
          <div class="pager">
            <a class="btn" href={href({ name: 'sessions' })}>{t('backToSessions')}</a>
            {!p.readOnly && !session.example && (
              <button class="btn" onClick={() => void reopen()} data-testid="reopen">{t('reopen')}</button>
            )}
          </div>
        </>
      ) : (
        <>
          <p class={missing ? 'banner warn' : 'notice'} data-testid="review-summary">
            {missing ? t('reviewMissing', { n: missing }) : t('reviewReady')}
          </p>
          <div class="pager">
            <a class="btn" href={href({ name: 'sessions' })}>{t('backToSessions')}</a>
            <button class="btn primary" disabled={missing > 0 || p.readOnly} onClick={() => void complete()} data-testid="complete">
              {t('complete')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
