import { useEffect, useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import type { SessionRecord, StudyRecord } from '../../app/model';
import { useApp } from '../context';
import { href } from '../route';
import { formatDateTime } from '../components/format';

/** The interviewer's home: studies on the device and every session (codes only, never names). */
export function SessionsList() {
  const { app, t, lang } = useApp();
  const [studies, setStudies] = useState<StudyRecord[] | null>(null);
  const [sessions, setSessions] = useState<SessionRecord[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<Record<string, number>>({});

  const reload = async () => {
    const [st, se] = await Promise.all([app.listStudies(), app.listSessions()]);
    setStudies(st);
    setSessions(se);
    const r: Record<string, number> = {};
    for (const s of st) r[s.id] = await app.refusalCount(s.id);
    setRefusals(r);
  };
  useEffect(() => {
    void reload();
  }, [app]);

  const loadExamples = async () => {
    await app.loadDemoExamples();
    setMessage(t('examplesLoaded'));
    await reload();
  };

  if (!studies || !sessions) return <p aria-busy="true">…</p>;
  const studyTitle = (s: SessionRecord) => {
    const st = studies.find((x) => x.id === s.studyId && x.studyVersion === s.studyVersion);
    return st ? localize(st.instrument.title, lang) : s.studyId;
  };

  return (
    <div class="stack">
      <section aria-labelledby="studies-h">
        <h1 id="studies-h">{t('studies')}</h1>
        <ul class="cards">
          {studies.map((s) => (
            <li class="card" key={`${s.id}@${s.studyVersion}`}>
              <h2>{localize(s.instrument.title, lang)}</h2>
              <p class="muted">
                {t('studyVersion')}: {s.studyVersion} · {s.instrument.languages.map((l) => s.instrument.languageNames?.[l] ?? l).join(', ')}
                {refusals[s.id] ? ` · ${t('refusals')}: ${refusals[s.id]}` : ''}
              </p>
              <div class="row">
                <a class="btn primary" href={href({ name: 'new', studyId: s.id, studyVersion: s.studyVersion })} data-testid="new-session">
                  {t('newSession')}
                </a>
                <a class="btn" href={href({ name: 'data', studyId: s.id, studyVersion: s.studyVersion })} data-testid="study-data">
                  {t('studyDataButton')}
                </a>
                <a class="btn" href={href({ name: 'results', studyId: s.id, studyVersion: s.studyVersion })} data-testid="results">
                  {t('results')}
                </a>
                <a class="btn" href={href({ name: 'share', studyId: s.id, studyVersion: s.studyVersion })} data-testid="share">
                  {t('share')}
                </a>
                {s.source === 'demo' && (
                  <button class="btn" onClick={() => void loadExamples()} data-testid="load-examples">
                    {t('loadExamples')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
        <p>
          <a class="btn" href={href({ name: 'open-form' })} data-testid="open-form">{t('openForm')}</a>
        </p>
        {message && <p role="status" class="notice">{message}</p>}
      </section>
      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t('sessions')}</h2>
        {sessions.length === 0 ? (
          <p class="muted">{t('noSessions')}</p>
        ) : (
          <table class="sessions" data-testid="sessions-table">
            <thead>
              <tr>
                <th scope="col">{t('respondent')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('studyVersion')}</th>
                <th scope="col"><span class="sr-only">{t('open')}</span></th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} data-session={s.id} data-status={s.status}>
                  <th scope="row">
                    <span class="code">{s.respondentCode}</span>
                    {s.example && <span class="badge" title={t('example_badge_title')}>{t('example')}</span>}
                    <div class="muted small">{studyTitle(s)}</div>
                  </th>
                  <td>
                    <span class={`status ${s.status}`}>{s.status === 'complete' ? t('statusComplete') : t('statusDraft')}</span>
                  </td>
                  <td>{formatDateTime(s.createdAt, lang)}</td>
                  <td>{s.studyVersion}</td>
                  <td>
                    <a class="btn" href={href({ name: 'session', id: s.id, section: s.status === 'complete' ? 'review' : (s.lastSection ?? 0) })}>
                      {s.status === 'complete' ? t('open') : t('resume')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
