/**
 * The interview's recorder above the section screens (src/app/interview-recording.ts): record,
 * pause, resume and stop, a visible indicator with the time recorded, and why nothing records (no
 * consent to recording). While recording, each question shown (the section's first, then the one
 * with the focus) is marked on the recording's timeline. The recording itself lives in the app: this
 * bar is only its face, and changing section does not stop it. Loaded only by studies with a
 * `background-audio` item.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { InterviewRecorder, InterviewView } from '../../app/interview-recording';
import { recordingItem } from '../../app/interview-recording';
import { localize } from '../../core/instrument/types';
import type { FormState } from '../../core/responses/form-state';
import { useApp } from '../context';
import type { RunnerState } from './useRunner';

export interface RecordBarProps {
  runner: RunnerState;
  form: FormState;
  section: number | 'review';
  readOnly: boolean;
}

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
};

export function RecordBar(p: RecordBarProps) {
  const { app, t } = useApp();
  const [rec, setRec] = useState<InterviewRecorder | null>(null);
  const [view, setView] = useState<InterviewView | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [withdrawn, setWithdrawn] = useState(false);
  const session = p.runner.session!;
  const ins = p.runner.study!.instrument;
  const item = recordingItem(ins)!;
  const lang = session.lang;
  const allowed = p.form.items.get(item.name)?.relevant ?? false;
  const mine = view?.sessionId === session.id;
  const status = mine ? view!.status : 'idle';
  const setAnswer = useRef(p.runner.setAnswer);
  setAnswer.current = p.runner.setAnswer;

  useEffect(() => {
    let live = true;
    let off = () => {};
    let held: InterviewRecorder | null = null;
    void app.interviewRecorder().then((r) => {
      if (!live) return;
      held = r;
      setRec(r);
      setView(r.view());
      off = r.subscribe(setView);
      // While this runner is on screen, the recording's answer goes through its saver (its "saved" mark).
      r.answerWith = (sessionId, name, media) => {
        if (sessionId === session.id) setAnswer.current(name, { value: media.name, media }, { debounce: false });
        else void app.saveAnswer(sessionId, { item: name, value: media.name, media, at: new Date().toISOString() });
      };
    });
    return () => {
      live = false;
      off();
      if (held) held.answerWith = null;
    };
  }, [session.id]);

  // The time recorded, drawn four times a second while recording.
  useEffect(() => {
    if (!rec || (status !== 'recording' && status !== 'paused')) return;
    setElapsed(rec.elapsedMs());
    const timer = setInterval(() => setElapsed(rec.elapsedMs()), 250);
    return () => clearInterval(timer);
  }, [rec, status]);

  // Consent withdrawn while recording: stop, keep what was recorded.
  useEffect(() => {
    if (rec && mine && !allowed && status !== 'idle' && status !== 'saving') {
      setWithdrawn(true);
      void rec.stop();
    }
  }, [rec, mine, allowed, status]);

  // Markers: the section's first question when it is shown, then each question that gets the focus.
  const recording = mine && (status === 'recording' || status === 'paused');
  useEffect(() => {
    if (!rec || !recording || typeof p.section !== 'number') return;
    const first = ins.sections[p.section]?.items.find((it) => it.type !== 'background-audio' && p.form.items.get(it.name)?.relevant);
    if (first) rec.mark(session.id, first.name);
  }, [rec, recording, p.section]);
  useEffect(() => {
    if (!rec || !recording) return;
    const onIn = (e: FocusEvent) => {
      const el = e.target instanceof Element ? e.target.closest('[data-item]') : null;
      const name = el?.getAttribute('data-item');
      if (name && name !== item.name) rec.mark(session.id, name);
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void rec.visible();
    };
    document.addEventListener('focusin', onIn);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('focusin', onIn);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [rec, recording]);
  useEffect(() => {
    if (!rec || !mine || status !== 'interrupted') return;
    const onVisible = () => {
      if (document.visibilityState === 'visible') void rec.visible();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [rec, mine, status]);

  if (!rec || !view) return null;
  if (p.readOnly && !mine) return null;
  const consentName = /\$\{([^}]+)\}/.exec(item.relevant ?? '')?.[1];
  const consentItem = consentName ? ins.sections.flatMap((s) => s.items).find((it) => it.name === consentName) : undefined;
  const current = (): string | undefined => {
    if (typeof p.section !== 'number') return undefined;
    const focused = document.activeElement?.closest('[data-item]')?.getAttribute('data-item');
    return focused ?? ins.sections[p.section]?.items.find((it) => it.type !== 'background-audio' && p.form.items.get(it.name)?.relevant)?.name;
  };
  const note = mine ? view.note : view.note === 'failed' && view.sessionId === session.id ? 'failed' : null;

  return (
    <div class={`record-bar ${status}`} data-testid="record-bar" data-state={status}>
      {status === 'idle' && (
        <>
          <button
            type="button"
            class="btn"
            disabled={!allowed}
            aria-describedby={!allowed ? 'rec-why' : undefined}
            onClick={() => {
              setWithdrawn(false);
              void rec.start({ instrument: ins, item, sessionId: session.id }, current());
            }}
            data-testid="rec-interview"
          >
            {t('recStart')}
          </button>
          {!allowed && (
            <p id="rec-why" class="muted small" data-testid="rec-why">
              {t('recNoConsent', { question: consentItem ? localize(consentItem.label, lang) : localize(item.label, lang) })}
            </p>
          )}
        </>
      )}
      {status === 'starting' && <p class="muted small" role="status">{t('recStarting')}</p>}
      {(status === 'recording' || status === 'paused') && (
        <>
          <p class={`rec-indicator ${status}`} role="status" aria-live="polite" data-testid="rec-interview-indicator" data-state={status}>
            {status === 'recording' ? <span class="rec-dot" aria-hidden="true">● </span> : null}
            {t(status === 'recording' ? 'recRecording' : 'recPausedAt', { time: clock(elapsed) })}
            {view.segments > 1 ? <span class="muted small"> · {t('recParts', { n: String(view.segments) })}</span> : null}
          </p>
          {status === 'recording' ? (
            <button type="button" class="btn small" onClick={() => rec.pause()} data-testid="rec-interview-pause">{t('mediaPause')}</button>
          ) : (
            <button type="button" class="btn small" onClick={() => rec.resume()} data-testid="rec-interview-resume">{t('mediaResume')}</button>
          )}
          <button type="button" class="btn small" onClick={() => void rec.stop()} data-testid="rec-interview-stop">{t('recStop')}</button>
        </>
      )}
      {status === 'interrupted' && (
        <button type="button" class="btn" onClick={() => void rec.resumeSegment()} data-testid="rec-interview-new-part">{t('recResumeSegment')}</button>
      )}
      {status === 'saving' && <p class="muted small" role="status">{t('recSaving')}</p>}
      {note === 'interrupted' && <p class="banner warn" role="alert" data-testid="rec-note">{t('recInterrupted')}</p>}
      {note === 'resumed' && <p class="banner" role="status" data-testid="rec-note">{t('recResumed')}</p>}
      {note === 'hidden' && <p class="muted small" role="status" data-testid="rec-note">{t('recHidden')}</p>}
      {note === 'failed' && <p class="banner warn" role="alert" data-testid="rec-note">{t('recFailed', { detail: view.detail })}</p>}
      {withdrawn && !mine && <p class="banner warn" role="status" data-testid="rec-note">{t('recWithdrawn')}</p>}
    </div>
  );
}
