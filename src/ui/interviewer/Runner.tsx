import { useEffect, useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import { useApp } from '../context';
import { go, href } from '../route';
import { ItemField } from '../components/ItemField';
import { useFormState, useRunner } from './useRunner';
import { Review } from './Review';

const FIRST_BATCH = 3;

/** The instrument, one section per screen: live skip logic, required checks, progress, section jumps. */
export function Runner(props: { sessionId: string; section: number | 'review' }) {
  const { app, t } = useApp();
  const r = useRunner(props.sessionId);
  const form = useFormState(r.study, r.answers);
  const [showIssues, setShowIssues] = useState(false);
  const [blocked, setBlocked] = useState(false);
  // The first questions of a screen render at once, the rest a frame later: on a slow phone the
  // interviewer can answer the first question while the others are still being laid out.
  const [limit, setLimit] = useState(FIRST_BATCH);
  useEffect(() => {
    setLimit(FIRST_BATCH);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setLimit(Infinity), 0)));
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [props.section]);

  useEffect(() => {
    setShowIssues(false);
    setBlocked(false);
    if (r.session && typeof props.section === 'number' && props.section >= 0 && r.session.status === 'draft' && !r.locked)
      void app.setLastSection(r.session.id, props.section); // where to resume; nothing on screen changes
    window.scrollTo(0, 0);
  }, [props.section, r.session?.id, r.locked]);

  if (r.loading) return <p aria-busy="true">…</p>;
  if (r.missing || !r.session || !r.study || !form) return <p role="alert">{t('unknownSession')}</p>;
  const ins = r.study.instrument;
  const lang = r.session.lang;
  const sections = ins.sections;
  const total = sections.length;
  const readOnly = r.locked || r.session.status === 'complete';

  const nextRelevant = (from: number, dir: 1 | -1): number | 'review' | null => {
    for (let i = from + dir; i >= 0 && i < total; i += dir) if (form.sections[i]?.relevant) return i;
    return dir === 1 ? 'review' : null;
  };

  const saveState = [...r.statuses.values()];
  const anyError = saveState.some((s) => s.status === 'error');
  const anyPending = saveState.some((s) => s.status !== 'saved');

  const header = (
    <div class="runner-head">
      <div>
        <p class="muted small">
          <span class="code">{r.session.respondentCode}</span> · {localize(ins.title, lang)}
        </p>
        <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={form.answerable} aria-valuenow={form.answered} aria-label={t('progress', { answered: form.answered, total: form.answerable })}>
          <div class="bar" style={{ width: `${form.answerable ? Math.round((100 * form.answered) / form.answerable) : 0}%` }} />
        </div>
        <p class="small" data-testid="progress">{t('progress', { answered: form.answered, total: form.answerable })}</p>
      </div>
      <p class={`save-all ${anyError ? 'error' : anyPending ? 'pending' : 'ok'}`} role="status" data-testid="save-all">
        {anyError ? t('saveError', { error: saveState.find((s) => s.error)?.error ?? '' }) : anyPending ? t('savingAll') : t('allSaved')}
      </p>
    </div>
  );

  const nav = (
    <nav class="section-nav" aria-label={t('sections')}>
      <details>
        <summary>{t('sections')}</summary>
        <ol>
          {sections.map((s, i) => (
            <li key={s.name} class={form.sections[i]?.relevant ? '' : 'skipped'}>
              <a href={href({ name: 'session', id: r.session!.id, section: i })} aria-current={props.section === i ? 'step' : undefined}>
                {localize(s.label, lang)}
                <span class="muted small"> {form.sections[i]?.answered ?? 0}/{form.sections[i]?.answerable ?? 0}</span>
              </a>
            </li>
          ))}
          <li>
            <a href={href({ name: 'session', id: r.session.id, section: 'review' })} aria-current={props.section === 'review' ? 'step' : undefined}>
              {t('reviewTitle')}
            </a>
          </li>
        </ol>
      </details>
    </nav>
  );

  const lockNote = r.locked && <p class="banner warn" role="alert" data-testid="locked">{t('lockedElsewhere')}</p>;

  if (props.section === 'review' || typeof props.section !== 'number' || props.section < 0 || props.section >= total) {
    return (
      <div class="runner">
        {header}
        {lockNote}
        {nav}
        <Review runner={r} form={form} readOnly={r.locked} />
      </div>
    );
  }

  const idx = props.section;
  const section = sections[idx]!;
  const sState = form.sections[idx]!;
  const goNext = async () => {
    if (!readOnly && sState.relevant && sState.issues > 0) {
      setShowIssues(true);
      setBlocked(true);
      const first = section.items.find((it) => form.items.get(it.name)?.issue);
      if (first) document.querySelector<HTMLElement>(`[data-item="${first.name}"] input, [data-item="${first.name}"] textarea`)?.focus();
      return;
    }
    await r.flush();
    const n = nextRelevant(idx, 1);
    go({ name: 'session', id: r.session!.id, section: n ?? 'review' });
  };
  const goPrev = async () => {
    await r.flush();
    const n = nextRelevant(idx, -1);
    if (n !== null) go({ name: 'session', id: r.session!.id, section: n });
  };

  return (
    <div class="runner" lang={lang}>
      {header}
      {lockNote}
      {nav}
      <section class="section" aria-labelledby="section-h" data-testid={`section-${section.name}`}>
        <p class="muted small">{t('section', { n: idx + 1, total })}</p>
        <h1 id="section-h">{localize(section.label, lang)}</h1>
        {section.hint && <p class="hint">{localize(section.hint, lang)}</p>}
        {!sState.relevant && <p class="muted">—</p>}
        {sState.relevant &&
          section.items
            .filter((it) => form.items.get(it.name)?.relevant)
            .slice(0, limit)
            .map((it) => (
              <ItemField
                key={it.name}
                instrument={ins}
                item={it}
                lang={lang}
                answer={r.answers.get(it.name)}
                state={form.items.get(it.name)}
                showIssue={showIssues || (form.items.get(it.name)?.issue !== 'required' && r.answers.has(it.name))}
                save={r.statuses.get(it.name)}
                disabled={readOnly}
                notes={section.mode !== 'self'}
                onChange={(patch, debounce) => r.setAnswer(it.name, patch, { debounce })}
                onFlush={() => void r.flush()}
                t={t}
              />
            ))}
      </section>
      {blocked && sState.issues > 0 && <p class="banner warn" role="alert">{t('fixBeforeNext')}</p>}
      <div class="pager">
        <button class="btn" onClick={() => void goPrev()} disabled={nextRelevant(idx, -1) === null} data-testid="prev">
          ← {t('previous')}
        </button>
        <button class="btn primary" onClick={() => void goNext()} data-testid="next">
          {nextRelevant(idx, 1) === 'review' ? t('finish') : t('next')} →
        </button>
      </div>
    </div>
  );
}
