import { useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import { useApp } from '../context';
import { go } from '../route';
import { RunnerProgress, SectionScreen, runnerPending } from '../components/SectionScreen';
import { useFormState, useRunner, type RunnerState } from '../interviewer/useRunner';
import type { Instrument } from '../../core/instrument/types';

/**
 * Kiosk mode: only the self-completed sections of one session, no way to other sessions, notes or
 * settings. The respondent's answers join the same session. Leaving needs the interviewer's PIN.
 */
export function KioskRunner(props: { sessionId: string; section: number | 'done' }) {
  const { t } = useApp();
  const r = useRunner(props.sessionId);
  const form = useFormState(r.study, r.answers);
  const pending = runnerPending(r);
  if (pending) return pending;
  if (!r.session || !r.study || !form) return <Unlock />;
  const session = r.session;
  const ins = r.study.instrument;
  const own = ins.sections.map((s, i) => ({ s, i })).filter(({ s, i }) => s.mode === 'self' && form.sections[i]?.relevant);
  const answered = own.reduce((n, { i }) => n + (form.sections[i]?.answered ?? 0), 0);
  const answerable = own.reduce((n, { i }) => n + (form.sections[i]?.answerable ?? 0), 0);
  // An address that is not one of the respondent's sections (a reload, a typed URL) shows the first.
  const asked = own.findIndex(({ i }) => i === props.section);
  const pos = props.section === 'done' ? -1 : Math.max(0, asked);

  const header = (
    <div class="kiosk-head">
      <RunnerProgress r={r} answered={answered} answerable={answerable} caption={localize(ins.title, session.lang)} />
      <StudyLangPicker runner={r} instrument={ins} />
    </div>
  );

  if (props.section === 'done' || own.length === 0) {
    return (
      <div class="runner">
        {header}
        <section class="section" data-testid="kiosk-done">
          <h1>{t('kioskThanks')}</h1>
          <p>{t('kioskHandBack')}</p>
          {own.length > 0 && (
            <button class="btn" onClick={() => go({ name: 'kiosk', id: session.id, section: own[own.length - 1]!.i })}>
              ← {t('previous')}
            </button>
          )}
        </section>
        <Unlock />
      </div>
    );
  }
  const prev = own[pos - 1];
  const next = own[pos + 1];
  return (
    <div class="runner">
      {header}
      <SectionScreen
        r={r}
        form={form}
        idx={own[pos]!.i}
        position={{ n: pos + 1, total: own.length }}
        readOnly={r.locked}
        notes={false}
        hasPrev={!!prev}
        nextLabel={next ? t('next') : t('kioskFinish')}
        onPrev={() => prev && go({ name: 'kiosk', id: session.id, section: prev.i })}
        onNext={() => go({ name: 'kiosk', id: session.id, section: next ? next.i : 'done' })}
      />
      <Unlock />
    </div>
  );
}

/** The respondent chooses the study's language for their part (kept with the session). */
function StudyLangPicker(p: { runner: RunnerState; instrument: Instrument }) {
  const { app, t } = useApp();
  const session = p.runner.session!;
  if (p.instrument.languages.length < 2) return null;
  return (
    <label class="field inline">
      <span class="label small">{t('studyLanguage')}</span>
      <select
        value={session.lang}
        data-testid="kiosk-lang"
        onChange={(e) => void app.setSessionLang(session.id, (e.currentTarget as HTMLSelectElement).value).then(p.runner.setSession)}
      >
        {p.instrument.languages.map((l) => (
          <option key={l} value={l}>{p.instrument.languageNames?.[l] ?? l}</option>
        ))}
      </select>
    </label>
  );
}

/** The interviewer's way out: the PIN, with a pause after repeated wrong tries. */
function Unlock() {
  const { app, t, setKiosk, kiosk } = useApp();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (!open)
    return (
      <p class="kiosk-exit">
        <button class="link small" onClick={() => setOpen(true)} data-testid="kiosk-exit">
          {t('kioskInterviewer')}
        </button>
      </p>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    const sessionId = kiosk?.sessionId;
    const result = await app.leaveKiosk(pin);
    setPin('');
    if (result.ok) {
      setKiosk(null);
      if (sessionId) go({ name: 'session', id: sessionId, section: 'review' });
      else go({ name: 'sessions' });
      return;
    }
    setKiosk((await app.kioskState()) ?? null);
    setMessage(result.reason === 'wait' ? t('pinWait', { s: result.seconds }) : t('pinWrong', { n: result.left }));
  };
  return (
    <form class="card stack" onSubmit={(e) => void submit(e)} data-testid="unlock-form">
      <label class="field">
        <span class="label">{t('pinEnter')}</span>
        <input type="password" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin((e.currentTarget as HTMLInputElement).value)} data-testid="unlock-pin" />
      </label>
      {message && <p class="issue" role="alert" data-testid="unlock-message">{message}</p>}
      <div class="row">
        <button class="btn primary" type="submit" data-testid="unlock">{t('unlock')}</button>
        <button class="btn" type="button" onClick={() => setOpen(false)}>{t('cancel')}</button>
      </div>
    </form>
  );
}
