import { useEffect, useRef, useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import type { FormState } from '../../core/responses/form-state';
import { referenceFiller } from '../../core/responses/label-values';
import { useApp } from '../context';
import type { RunnerState } from '../interviewer/useRunner';
import { ItemField } from './ItemField';
import { afterNextFrame } from '../../app/after-frame';
import type { FormNode } from '../../core/responses/repeat-instances';
import { Lazy } from './Lazy';
import type { RepeatBlockProps } from './RepeatBlock';
import { loadRepeatBlock, repeatBlockLoaded } from './repeat-load';
import { asksAny, issueKeys, repeatHeading } from './repeat-issues';

const FIRST_BATCH = 1;

/**
 * One section on one screen, with its pager. "Next" is refused while a relevant answer is missing or
 * breaks its constraint; the first such item gets the focus. Shared by the interviewer's runner, kiosk
 * mode and respondent mode.
 */
export function SectionScreen(p: {
  r: RunnerState;
  form: FormState;
  idx: number;
  /** "Section n of total", counted over what this mode shows. */
  position: { n: number; total: number };
  readOnly: boolean;
  /** The interviewer's screens: notes on items and guidance (never for respondents). */
  notes: boolean;
  /** The items this screen shows (the respondent's part, or one item on a phone); default every item of the section. */
  items?: readonly string[];
  /**
   * One question per screen (a respondent on a phone): the position counts questions, and a single
   * choice answered with a tap moves on by itself (never one chosen with the keyboard's arrows, which
   * move along the options).
   */
  autoAdvance?: boolean;
  /** A question to bring into view and focus (the review's "change"). */
  focus?: string;
  hasPrev: boolean;
  nextLabel: string;
  onPrev(): void;
  onNext(): void;
}) {
  const { t } = useApp();
  const { r, form, idx } = p;
  const ins = r.study!.instrument;
  const lang = r.session!.lang;
  const section = ins.sections[idx]!;
  // The ${name}s of its texts filled with the answers they name (outside every repeat; a repeat fills its own).
  const fill = referenceFiller(r.compiled!, form, [], lang);
  const sState = form.sections[idx]!;
  const only = p.items ? new Set(p.items) : null;
  // Questions asked in a repeat (instrument version 3) are answered per instance, under their
  // instance's key (core/responses/answer-key.ts), on the repeat's own block (./RepeatBlock.tsx).
  const items = (only ? section.items.filter((it) => only.has(it.name)) : section.items).filter((it) => it.repeat === undefined);
  const tree = r.compiled?.trees[idx] ?? [];
  const repeats = tree.filter((n): n is Extract<FormNode, { kind: 'repeat' }> => n.kind === 'repeat' && (!only || asksAny(n, only)));
  // What blocks "Next": the issues of the items on this screen only, those inside its repeats' instances included.
  const repeatIssues = repeats.flatMap((n) => issueKeys(form, [n], []));
  const issues = items.filter((it) => form.items.get(it.name)?.relevant && form.items.get(it.name)?.issue).length + repeatIssues.length;
  // What the screen draws, in the section's order: its questions and its repeats.
  const shownNames = new Set(items.map((it) => it.name));
  const nodes = repeats.length ? tree.filter((n) => (n.kind === 'item' ? shownNames.has(n.item.name) && form.items.get(n.item.name)?.relevant : repeats.includes(n))) : null;
  const [repeatFocus, setRepeatFocus] = useState<{ key: string; n: number } | null>(null);
  const screenKey = `${idx}:${p.items?.join(',') ?? ''}`;

  const [showIssues, setShowIssues] = useState(false);
  const [blocked, setBlocked] = useState(false);
  // The first question of a screen renders at once, the rest a frame later: on a slow phone the
  // first question can be answered while the others are still being laid out.
  const [limit, setLimit] = useState(FIRST_BATCH);
  useEffect(() => {
    setShowIssues(false);
    setBlocked(false);
    setLimit(FIRST_BATCH);
    window.scrollTo(0, 0);
    return afterNextFrame(() => {
      setLimit(Infinity);
      if (p.focus) {
        const name = p.focus;
        requestAnimationFrame(() => {
          const el = document.querySelector<HTMLElement>(`[data-item="${CSS.escape(name)}"]`);
          el?.scrollIntoView({ block: 'center' });
          el?.querySelector<HTMLElement>('input, textarea, select')?.focus();
        });
      }
    });
  }, [screenKey, p.focus]);

  // "Next" asked while the form state is still being computed for the newest answer: it runs once that is done.
  const [nextAsked, setNextAsked] = useState(false);
  useEffect(() => {
    if (nextAsked && !r.stale) {
      setNextAsked(false);
      void next();
    }
  }, [nextAsked, r.stale]);
  const next = async () => {
    if (r.stale) {
      setNextAsked(true);
      return;
    }
    if (!p.readOnly && sState.relevant && issues > 0) {
      setShowIssues(true);
      setBlocked(true);
      setLimit(Infinity);
      const first = items.find((it) => form.items.get(it.name)?.relevant && form.items.get(it.name)?.issue);
      if (first) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-item="${first.name}"] input, [data-item="${first.name}"] textarea`)?.focus());
      else if (repeatIssues[0]) setRepeatFocus((f) => ({ key: repeatIssues[0]!, n: (f?.n ?? 0) + 1 }));
      return;
    }
    await r.flush();
    p.onNext();
  };
  const prev = async () => {
    await r.flush();
    p.onPrev();
  };

  // A one-question screen of a single choice moves on once it is answered and saved, unless the
  // answer was already there (the respondent came back to look).
  const single = p.autoAdvance && items.length === 1 && (items[0]!.type === 'likert' || items[0]!.type === 'select_one') ? items[0]! : null;
  const [initial] = useState(() => (single ? r.answers.get(single.name)?.value ?? null : null));
  const byPointer = useRef(false);
  const chosen = single ? (r.answers.get(single.name)?.value ?? null) : null;
  const savedNow = single ? r.statuses.get(single.name)?.status === 'saved' : false;
  useEffect(() => {
    if (!single || p.readOnly || chosen === null || chosen === initial || !savedNow || !byPointer.current) return;
    const timer = setTimeout(() => void next(), 350);
    return () => clearTimeout(timer);
  }, [single?.name, chosen, savedNow]);

  return (
    <>
      <section
        class="section"
        aria-labelledby="section-h"
        data-testid={`section-${section.name}`}
        lang={lang}
        aria-busy={limit < (nodes ?? items).length || r.stale ? 'true' : undefined}
        onPointerDown={() => (byPointer.current = true)}
        onKeyDown={() => (byPointer.current = false)}
      >
        <p class="muted small" data-testid="position">{t(p.autoAdvance ? 'questionOf' : 'section', p.position)}</p>
        <h1 id="section-h">{repeats.some((n) => n.repeat.name === section.name) ? repeatHeading(localize(section.label, lang), section.name) : fill(localize(section.label, lang))}</h1>
        {section.hint && <p class="hint">{fill(localize(section.hint, lang))}</p>}
        {p.notes && section.guidance && <p class="guidance" data-testid="section-guidance">{fill(localize(section.guidance, lang))}</p>}
        {!sState.relevant && <p class="muted">—</p>}
        {sState.relevant &&
          nodes &&
          nodes.slice(0, limit).map((n) =>
            n.kind === 'repeat' ? (
              <Lazy<RepeatBlockProps>
                key={`repeat:${n.repeat.name}`}
                load={loadRepeatBlock}
                ready={repeatBlockLoaded()}
                props={{ r, form, node: n, parent: [], readOnly: p.readOnly, notes: p.notes, showIssues, focusKey: repeatFocus?.key, focusN: repeatFocus?.n ?? 0 }}
              />
            ) : (
              <ItemField
                key={`${n.item.name}:${r.versions.get(n.item.name) ?? 0}`}
                instrument={ins}
                item={n.item}
                lang={lang}
                answer={r.answers.get(n.item.name)}
                state={form.items.get(n.item.name)}
                showIssue={showIssues || (form.items.get(n.item.name)?.issue !== 'required' && r.answers.has(n.item.name))}
                save={r.statuses.get(n.item.name)}
                disabled={p.readOnly}
                notes={p.notes}
                fill={fill}
                onChange={(patch, debounce) => r.setAnswer(n.item.name, patch, { debounce })}
                onFlush={() => void r.flush()}
                t={t}
              />
            ),
          )}
        {sState.relevant &&
          !nodes &&
          items
            .filter((it) => form.items.get(it.name)?.relevant)
            .slice(0, limit)
            .map((it) => (
              <ItemField
                key={`${it.name}:${r.versions.get(it.name) ?? 0}`}
                instrument={ins}
                item={it}
                lang={lang}
                answer={r.answers.get(it.name)}
                state={form.items.get(it.name)}
                showIssue={showIssues || (form.items.get(it.name)?.issue !== 'required' && r.answers.has(it.name))}
                save={r.statuses.get(it.name)}
                disabled={p.readOnly}
                notes={p.notes}
                fill={fill}
                onChange={(patch, debounce) => r.setAnswer(it.name, patch, { debounce })}
                onFlush={() => void r.flush()}
                t={t}
                sessionId={r.session!.id}
              />
            ))}
      </section>
      {blocked && issues > 0 && <p class="banner warn" role="alert">{t('fixBeforeNext')}</p>}
      <div class="pager">
        <button class="btn" onClick={() => void prev()} disabled={!p.hasPrev} data-testid="prev">
          ← {t('previous')}
        </button>
        <button class="btn primary" onClick={() => void next()} data-testid="next">
          {p.nextLabel} →
        </button>
      </div>
    </>
  );
}

/** What a runner shows while its session is read, or when it could not be; null once it is there. */
export function runnerPending(r: RunnerState): preact.JSX.Element | null {
  if (r.loading) return <p aria-busy="true">…</p>;
  if (r.error) return <p role="alert" data-testid="runner-error">{r.error}</p>;
  return null;
}

/** Progress over the answerable items shown, and whether every answer is durable. */
export function RunnerProgress(p: { r: RunnerState; answered: number; answerable: number; caption?: preact.ComponentChildren }) {
  const { t } = useApp();
  const saveState = [...p.r.statuses.values()];
  const anyError = saveState.some((s) => s.status === 'error');
  const anyPending = saveState.some((s) => s.status !== 'saved');
  const label = t('progress', { answered: p.answered, total: p.answerable });
  return (
    <div class="runner-head">
      <div>
        {p.caption && <p class="muted small">{p.caption}</p>}
        <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={p.answerable} aria-valuenow={p.answered} aria-label={label}>
          <div class="bar" style={{ width: `${p.answerable ? Math.round((100 * p.answered) / p.answerable) : 0}%` }} />
        </div>
        <p class="small" data-testid="progress">{label}</p>
      </div>
      <p class={`save-all ${p.r.locked ? 'pending' : anyError ? 'error' : anyPending || !p.r.verified ? 'pending' : 'ok'}`} role="status" data-testid="save-all">
        {p.r.locked
          ? t('readOnlyHere') // the banner below the header says why
          : anyError
          ? t('saveError', { error: saveState.find((s) => s.error)?.error ?? '' })
          : anyPending
            ? t('savingAll')
            : p.r.verified
              ? t('allSaved')
              : t('checkingSaved')}
      </p>
    </div>
  );
}
