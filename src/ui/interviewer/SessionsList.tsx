import { useEffect, useMemo, useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import type { SessionRecord, StudyRecord } from '../../app/model';
import type { TransferState } from '../../app/dala';
import { ALL_SESSIONS, deviceName, querySessions, sessionFacets, type SessionQuery } from '../../app/sessions-view';
import { useApp } from '../context';
import { href } from '../route';
import { formatDateTime } from '../components/format';
import { SessionsToolbar } from './SessionsToolbar';
import { StudyCards } from './StudyCards';

const TRANSFER_KEYS = { 'not-exported': 'transferNotExported', exported: 'transferExported', received: 'transferReceived' } as const;

/**
 * The interviewer's home: the studies on the device, and every session (codes only, never names),
 * searchable, filtered by status, interviewer and device, sorted; each with where it stands on its
 * way to the researcher (not exported, exported, received). A session is deleted (a draft discarded)
 * only after a confirmation, and can be brought back while this screen is open.
 */
export function SessionsList() {
  const { app, t, lang } = useApp();
  const [studies, setStudies] = useState<StudyRecord[] | null>(null);
  const [sessions, setSessions] = useState<SessionRecord[] | null>(null);
  const [transfer, setTransfer] = useState<Map<string, TransferState>>(new Map());
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<{ text: string; undo?: () => Promise<void> } | null>(null);
  const [refusals, setRefusals] = useState<Record<string, number>>({});
  const [query, setQuery] = useState<SessionQuery>(ALL_SESSIONS);
  const [confirming, setConfirming] = useState<string | null>(null);

  const reload = async () => {
    const [st, se, dn] = await Promise.all([app.listStudies(), app.listSessions(), app.deviceNames()]);
    const r: Record<string, number> = {};
    const states = new Map<string, TransferState>();
    for (const s of st) {
      r[s.id] = await app.refusalCount(s.id);
      for (const [id, state] of await app.transferStates(s.id)) states.set(id, state);
    }
    // All at once: a row is never drawn with a transfer state not read yet.
    setNames(dn);
    setRefusals(r);
    setTransfer(states);
    setStudies(st);
    setSessions(se);
  };
  useEffect(() => {
    void reload();
  }, [app]);

  const shown = useMemo(() => (sessions ? querySessions(sessions, query) : []), [sessions, query]);
  const facets = useMemo(() => sessionFacets(sessions ?? []), [sessions]);
  if (!studies || !sessions) return <p aria-busy="true">…</p>;
  const studyTitle = (s: SessionRecord) => {
    const st = studies.find((x) => x.id === s.studyId && x.studyVersion === s.studyVersion);
    return st ? localize(st.instrument.title, lang) : s.studyId;
  };
  const examples: Record<string, number> = {};
  for (const s of sessions) if (s.example) examples[s.studyId] = (examples[s.studyId] ?? 0) + 1;

  const changed = (text: string, undo?: () => Promise<void>) => {
    setMessage(undo ? { text, undo } : { text });
    void reload();
  };
  const remove = async (s: SessionRecord) => {
    const deleted = await app.deleteSessions([s.id]);
    setConfirming(null);
    changed(t(s.status === 'draft' ? 'sessionDiscarded' : 'sessionDeleted', { code: s.respondentCode }), () => app.undoDelete(deleted));
  };
  const undo = async () => {
    const u = message?.undo;
    if (!u) return;
    await u();
    changed(t('undone'));
  };

  return (
    <div class="stack">
      <section aria-labelledby="studies-h">
        <h1 id="studies-h">{t('studies')}</h1>
        <StudyCards studies={studies} refusals={refusals} examples={examples} onChange={changed} />
        <p class="row">
          <a class="btn" href={href({ name: 'open-form' })} data-testid="open-form">{t('openForm')}</a>
          <a class="btn" href={href({ name: 'scan' })} data-testid="scan-study">{t('scanStudy')}</a>
        </p>
      </section>
      {message && (
        <p role="status" class="notice row" data-testid="list-message">
          <span>{message.text}</span>
          {message.undo && <button class="btn small" onClick={() => void undo()} data-testid="undo">{t('undo')}</button>}
        </p>
      )}
      <section aria-labelledby="sessions-h" class="stack">
        <h2 id="sessions-h">{t('sessions')}</h2>
        {sessions.length === 0 ? (
          <p class="muted">{t('noSessions')}</p>
        ) : (
          <>
            <SessionsToolbar query={query} onChange={setQuery} facets={facets} names={names} shown={shown.length} total={sessions.length} />
            <table class="sessions" data-testid="sessions-table">
                <thead>
                  <tr>
                    <th scope="col">{t('respondent')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('interviewerCode')}</th>
                    <th scope="col">{t('date')}</th>
                    <th scope="col"><span class="sr-only">{t('actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((s) => {
                    const state = transfer.get(s.id) ?? 'not-exported';
                    return (
                      <tr key={s.id} data-session={s.id} data-status={s.status} data-transfer={state}>
                        <th scope="row">
                          <span class="code">{s.respondentCode}</span>
                          {s.instanceName && <div class="small" data-testid="instance-name">{s.instanceName}</div>}
                          {s.example && <span class="badge" title={t('example_badge_title')} data-testid="example-badge">{t('example')}</span>}
                          <div class="muted small">{studyTitle(s)} · {s.studyVersion}</div>
                        </th>
                        <td>
                          <span class={`status ${s.status}`}>{s.status === 'complete' ? t('statusComplete') : t('statusDraft')}</span>
                          {!s.example && <div class={`transfer ${state} small`} data-testid="transfer-state">{t(TRANSFER_KEYS[state])}</div>}
                        </td>
                        <td>
                          {s.interviewer}
                          <div class="muted small" data-testid="session-device">{deviceName(names, s.deviceId)}</div>
                        </td>
                        <td>{formatDateTime(s.createdAt, lang)}</td>
                        <td>
                          {confirming === s.id ? (
                            <div class="banner warn" role="alertdialog" aria-labelledby={`del-${s.id}`}>
                              <p id={`del-${s.id}`}>
                                {s.status === 'draft' ? t('discardConfirm', { code: s.respondentCode }) : t('deleteOneConfirm', { code: s.respondentCode })}
                                {!s.example && state !== 'received' ? ` ${t('notReceivedWarning')}` : ''}
                              </p>
                              <div class="row">
                                <button class="btn primary" onClick={() => void remove(s)} data-testid="delete-yes">{t('deleteYes')}</button>
                                <button class="btn" onClick={() => setConfirming(null)}>{t('cancel')}</button>
                              </div>
                            </div>
                          ) : (
                            <div class="row">
                              <a class="btn" href={href({ name: 'session', id: s.id, section: s.status === 'complete' ? 'review' : (s.lastSection ?? 0) })}>
                                {s.status === 'complete' ? t('open') : t('resume')}
                              </a>
                              <button class="btn" onClick={() => setConfirming(s.id)} data-testid="delete-session" aria-label={`${s.status === 'draft' ? t('discard') : t('delete')} ${s.respondentCode}`}>
                                {s.status === 'draft' ? t('discard') : t('delete')}
                              </button>
                            </div>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  );
}
