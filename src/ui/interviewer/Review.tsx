import { localize } from '../../core/instrument/types';
import type { FormState, ItemIssue } from '../../core/responses/form-state';
import { answerText } from '../../core/responses/answer-text';
import { isAnswerable } from '../../core/responses/form-state';
import { useApp } from '../context';
import { go, href } from '../route';
import type { RunnerState } from './useRunner';
import { useEffect, useState } from 'preact/hooks';
import { auditRows, questionTimes, type QuestionTime } from '../../core/responses/paradata';
import { instanceNumbers } from '../../core/responses/instance-numbers';
import { csvText } from '../../core/csv/write';
import type { ParadataEvent } from '../../core/bundle/types';
import { answerKey, type InstancePath } from '../../core/responses/answer-key';
import type { FormNode } from '../../core/responses/repeat-instances';
import { instanceTitle } from '../components/RepeatBlock';
import { repeatHeading } from '../components/repeat-issues';
import { Lazy } from '../components/Lazy';
import type { StoredMediaProps } from '../components/MediaField';

/** "1 min 5 s", "12 s". */
const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
};

/** What the review says of an item's issue: a missing required answer, or an answer that is not valid. */
const ISSUE_WORD: Record<ItemIssue, 'reviewItemMissing' | 'reviewItemInvalid'> = { required: 'reviewItemMissing', constraint: 'reviewItemInvalid', type: 'reviewItemInvalid', choice: 'reviewItemInvalid' };

/**
 * Before completing: every answer itself, section by section, each with a link that goes to the
 * question to change it, and what still stands in the way, counted as it is: required answers
 * missing, and answers that are not valid (an invalid optional answer is not "missing").
 */
export function Review(p: { runner: RunnerState; form: FormState; readOnly: boolean }) {
  const { app, t } = useApp();
  const { session, study } = p.runner;
  // The interview's paradata (docs/paradata.md): time and visits per question, and the audit log.
  const [events, setEvents] = useState<ParadataEvent[]>([]);
  useEffect(() => {
    const a = app as { paradataOf?: (id: string) => Promise<ParadataEvent[]> };
    if (session && typeof a.paradataOf === 'function') void a.paradataOf(session.id).then(setEvents, () => {});
  }, [session?.id]);
  if (!session || !study) return null;
  const times = new Map<string, QuestionTime>(questionTimes(events, session.id).map((x) => [x.item, x]));
  const downloadAudit = async () => {
    // A question in a repeat is named by its instance's position, as ODK writes it (/data/member[2]/age).
    const values = Object.fromEntries([...p.runner.answers].map(([k, a]) => [k, a.value]));
    const log = auditRows(events, { instances: () => instanceNumbers(study.instrument, values) });
    const { download } = await import('../../app/crypto-client');
    download(`dala-audit-${session.respondentCode || session.id}.csv`, csvText(log.header, log.rows), 'text/csv;charset=utf-8');
  };
  const ins = study.instrument;
  const lang = session.lang;
  let missing = 0;
  let invalid = 0;
  for (const [, st] of p.form.items) {
    if (!st.relevant || !st.issue) continue;
    if (st.issue === 'required') missing++;
    else invalid++;
  }
  // A repeat with fewer instances than the form asks for (version 3) is missing answers too.
  for (const [, rs] of p.form.repeats) if (rs.relevant && rs.issue === 'min') missing++;
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
  const summary = [missing ? t('reviewMissing', { n: missing }) : '', invalid ? t('reviewInvalid', { n: invalid }) : ''].filter(Boolean).join(' ');
  return (
    <section class="section" aria-labelledby="review-h" data-testid="review">
      <h1 id="review-h">{t('reviewTitle')}</h1>
      {session.example && <p class="notice">{t('exampleNote')}</p>}
      {events.some((e) => e.event === 'change') && (
        <p>
          <button type="button" class="btn small" onClick={() => void downloadAudit()} data-testid="audit-csv">
            {t('auditCsv')}
          </button>
        </p>
      )}
      {ins.sections.map((s, i) => {
        const st = p.form.sections[i]!;
        const items = s.items.filter((it) => isAnswerable(it) && p.form.items.get(it.name)?.relevant);
        return (
          <section key={s.name} class={`review-section ${!st.relevant ? 'skipped' : ''}`} aria-labelledby={`rv-${s.name}`} data-testid={`review-${s.name}`}>
            <h2 id={`rv-${s.name}`}>
              <a href={href({ name: 'session', id: session.id, section: i })}>{localize(s.label, lang)}</a>{' '}
              <span class="muted small">{st.relevant ? `${st.answered}/${st.answerable}` : t('reviewSkipped')}</span>
            </h2>
            {st.relevant && items.length > 0 && (
              <dl class="review-answers">
                {items.map((it) => {
                  const state = p.form.items.get(it.name)!;
                  const answer = p.runner.answers.get(it.name);
                  const text = answerText(ins, it, answer, lang, t('otherSpecify'));
                  return (
                    <div key={it.name} class={state.issue ? 'has-issue' : ''} data-testid={`review-item-${it.name}`} data-issue={state.issue ?? ''}>
                      <dt>{localize(it.label, lang)}</dt>
                      <dd>
                        <span class={text ? 'answer' : 'muted'}>{text || '—'}</span>
                        {answer?.media && <Lazy<StoredMediaProps> load={() => import('../components/MediaField').then((m) => m.StoredMedia)} props={{ media: answer.media, t }} />}
                        {answer?.note && <span class="review-note muted small"> · {t('note')}: {answer.note}</span>}
                        {times.has(it.name) && (
                          <span class="muted small" data-testid={`time-${it.name}`}>
                            {' '}
                            · {t('reviewVisits', { n: times.get(it.name)!.visits, time: duration(times.get(it.name)!.ms) })}
                          </span>
                        )}
                        {state.issue && <span class="issue small"> {t(ISSUE_WORD[state.issue])}</span>}{' '}
                        {!p.readOnly && session.status !== 'complete' && (
                          <a class="btn small" href={href({ name: 'session', id: session.id, section: i, item: it.name })} aria-label={`${t('change')}: ${localize(it.label, lang)}`} data-testid={`change-${it.name}`}>
                            {t('change')}
                          </a>
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            )}
            {st.relevant && p.runner.compiled && (
              <RepeatsReview runner={p.runner} form={p.form} nodes={p.runner.compiled.trees[i] ?? []} path={[]} section={i} readOnly={p.readOnly} />
            )}
          </section>
        );
      })}
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
          <p class={summary ? 'banner warn' : 'notice'} data-testid="review-summary">
            {summary || t('reviewReady')}
          </p>
          <div class="pager">
            <a class="btn" href={href({ name: 'sessions' })}>{t('backToSessions')}</a>
            <button class="btn primary" disabled={missing + invalid > 0 || p.readOnly} onClick={() => void complete()} data-testid="complete">
              {t('complete')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/**
 * The repeats of a section in the review (instrument version 3): each repeat with its number of
 * instances, each instance with its answers and its own repeats, and a link to the section to change them.
 */
function RepeatsReview(p: { runner: RunnerState; form: FormState; nodes: readonly FormNode[]; path: InstancePath; section: number; readOnly: boolean }) {
  const { t } = useApp();
  const { runner, form } = p;
  const ins = runner.study!.instrument;
  const lang = runner.session!.lang;
  const repeats = p.nodes.filter((n): n is Extract<FormNode, { kind: 'repeat' }> => n.kind === 'repeat');
  if (!repeats.length) return null;
  return (
    <>
      {repeats.map((node) => {
        const rs = form.repeats.get(answerKey(node.repeat.name, p.path));
        if (!rs?.relevant) return null;
        return (
          <div key={node.repeat.name} class="review-repeat" data-testid={`review-repeat-${node.repeat.name}`}>
            <p>
              <b>{repeatHeading(localize(node.repeat.label, lang), node.repeat.name)}</b> <span class="muted small">({rs.instances.length})</span>
              {rs.issue === 'min' && <span class="issue small"> {t('repeatMin', { n: node.repeat.minInstances ?? 0 })}</span>}
            </p>
            <ol>
              {rs.instances.map((inst) => {
                const answered = node.children.flatMap((c) => {
                  if (c.kind !== 'item' || !isAnswerable(c.item)) return [];
                  const key = answerKey(c.item.name, inst.path);
                  const st = form.items.get(key);
                  if (!st?.relevant) return [];
                  const text = answerText(ins, c.item, runner.answers.get(key), lang, t('otherSpecify'));
                  return [{ key, label: localize(c.item.label, lang), text, issue: st.issue }];
                });
                return (
                  <li key={inst.id} data-testid={`review-instance-${inst.id}`}>
                    <span>{instanceTitle(ins, runner.compiled!, form, node.repeat, inst, lang)}</span>
                    {answered.length > 0 && (
                      <span class="muted small">
                        {' '}
                        · {answered.map((a) => `${a.label}: ${a.text || '—'}${a.issue ? ` (${t(ISSUE_WORD[a.issue])})` : ''}`).join(' · ')}
                      </span>
                    )}
                    <RepeatsReview {...p} nodes={node.children} path={inst.path} />
                  </li>
                );
              })}
            </ol>
          </div>
        );
      })}
    </>
  );
}

