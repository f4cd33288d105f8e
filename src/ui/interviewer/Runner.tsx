import { useEffect, useState } from 'preact/hooks';
import { localize, sectionForRespondent } from '../../core/instrument/types';
import { useApp } from '../context';
import { go, href } from '../route';
import { RunnerProgress, SectionScreen, runnerPending } from '../components/SectionScreen';
import { useFormState, useRunner } from './useRunner';
import type { FormState } from '../../core/responses/form-state';
import { Lazy } from '../components/Lazy';
import { HandOver } from './HandOver';
import { repeatHeading } from '../components/repeat-issues';
import { useVisits } from './useVisits';
import type { RecordBarProps } from './RecordBar';

/** The instrument, one section per screen: live skip logic, required checks, progress, section jumps. */
export function Runner(props: { sessionId: string; section: number | 'review'; item?: string }) {
  const { app, t } = useApp();
  const r = useRunner(props.sessionId, { resumeHint: true });
  const form = useFormState(r);
  useVisits(props.sessionId, !!r.session && r.session.status === 'draft' && !r.locked && r.verified);

  useEffect(() => {
    if (r.session && typeof props.section === 'number' && props.section >= 0 && r.session.status === 'draft' && !r.locked && r.verified)
      void app.setLastSection(r.session.id, props.section); // where to resume; nothing on screen changes
  }, [props.section, r.session?.id, r.locked, r.verified]);

  // The interview's recording (a background-audio item) lives above the screens; leaving the session stops it.
  const records = !!r.study?.instrument.sections.some((s) => s.items.some((it) => it.type === 'background-audio'));
  useEffect(() => {
    if (!records) return;
    return () => void app.interviewRecorder().then((rec) => (rec.isRecording(props.sessionId) ? rec.stop() : undefined));
  }, [props.sessionId, records]);

  const pending = runnerPending(r);
  if (pending) return pending;
  if (r.missing || !r.session || !r.study || !form) return <p role="alert">{t('unknownSession')}</p>;
  const session = r.session;
  const ins = r.study.instrument;
  const lang = session.lang;
  const sections = ins.sections;
  const total = sections.length;
  const readOnly = r.locked || session.status === 'complete';

  const nextRelevant = (from: number, dir: 1 | -1): number | 'review' | null => {
    for (let i = from + dir; i >= 0 && i < total; i += dir) if (form.sections[i]?.relevant) return i;
    return dir === 1 ? 'review' : null;
  };

  const header = (
    <RunnerProgress
      r={r}
      answered={form.answered}
      answerable={form.answerable}
      caption={
        <>
          <span class="code">{session.respondentCode}</span> · {localize(ins.title, lang)}
        </>
      }
    />
  );

  // A repeat's own section is named without the \${name}s its instances fill in (version 3).
  const nav = <SectionNav sessionId={session.id} current={props.section} labels={sections.map((s) => (ins.repeats?.some((r) => r.name === s.name) ? repeatHeading(localize(s.label, lang), s.name) : localize(s.label, lang)))} form={form} />;

  const recordBar = records && r.verified && (
    <Lazy<RecordBarProps> load={() => import('./RecordBar').then((m) => m.RecordBar)} props={{ runner: r, form, section: typeof props.section === 'number' ? props.section : 'review', readOnly }} />
  );
  const lockNote = r.locked && <p class="banner warn" role="alert" data-testid="locked">{t('lockedElsewhere')}</p>;
  const handOver = !readOnly && r.verified && ins.sections.some((s) => sectionForRespondent(ins, s)) && <HandOver runner={r} />;

  if (props.section === 'review' || typeof props.section !== 'number' || props.section < 0 || props.section >= total) {
    return (
      <div class="runner">
        {header}
        {recordBar}
        {lockNote}
        {nav}
        <Lazy load={() => import('./Review').then((m) => m.Review)} props={{ runner: r, form, readOnly: r.locked || !r.verified }} />
      </div>
    );
  }

  const idx = props.section;
  const next = nextRelevant(idx, 1);
  const prev = nextRelevant(idx, -1);
  return (
    <div class="runner" lang={lang}>
      {header}
      {recordBar}
      {lockNote}
      <div class="row between">
        {nav}
        {handOver}
      </div>
      <SectionScreen
        // A screen of its own per section: its first question draws at once, the rest a frame later,
        // never the previous section's count of questions for a frame.
        key={idx}
        r={r}
        form={form}
        idx={idx}
        position={{ n: idx + 1, total }}
        readOnly={readOnly}
        {...(props.item ? { focus: props.item } : {})}
        notes={sections[idx]!.who !== 'respondent'}
        hasPrev={prev !== null}
        nextLabel={next === 'review' ? t('finish') : t('next')}
        onPrev={() => prev !== null && go({ name: 'session', id: session.id, section: prev })}
        onNext={() => go({ name: 'session', id: session.id, section: next ?? 'review' })}
      />
    </div>
  );
}

/**
 * Jumps to any section. The list is drawn only while it is open: a closed list is never seen, and
 * drawing it would only delay the first question.
 */
function SectionNav(props: { sessionId: string; current: number | 'review'; labels: string[]; form: FormState }) {
  const { t } = useApp();
  const [open, setOpen] = useState(false);
  const { form, sessionId } = props;
  return (
    <nav class="section-nav" aria-label={t('sections')}>
      <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>{t('sections')}</summary>
        {open && (
          <ol>
            {props.labels.map((label, i) => (
              <li key={i} class={form.sections[i]?.relevant ? '' : 'skipped'}>
                <a href={href({ name: 'session', id: sessionId, section: i })} aria-current={props.current === i ? 'step' : undefined}>
                  {label}
                  <span class="muted small"> {form.sections[i]?.answered ?? 0}/{form.sections[i]?.answerable ?? 0}</span>
                </a>
              </li>
            ))}
            <li>
              <a href={href({ name: 'session', id: sessionId, section: 'review' })} aria-current={props.current === 'review' ? 'step' : undefined}>
                {t('reviewTitle')}
              </a>
            </li>
          </ol>
        )}
      </details>
    </nav>
  );
}
