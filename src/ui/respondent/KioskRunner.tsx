import { useState } from 'preact/hooks';
import { useApp } from '../context';
import { go, href } from '../route';
import { runnerPending } from '../components/SectionScreen';
import { useFormState, useRunner } from '../interviewer/useRunner';
import { SelfRunner } from './SelfRunner';
import { isAppLang } from '../../app/i18n';

/**
 * Kiosk mode: only the respondent's part of one session (src/core/responses/self-part.ts), no way to
 * other sessions, notes, guidance or settings. The respondent's answers join the same session.
 * Leaving needs the interviewer's PIN, and gives the app back in the interviewer's language.
 */
export function KioskRunner(props: { sessionId: string; section: number | 'done' }) {
  const { t } = useApp();
  const r = useRunner(props.sessionId);
  const form = useFormState(r);
  const pending = runnerPending(r);
  if (pending) return pending;
  if (!r.session || !r.study || !form) return <Unlock />;
  const session = r.session;
  const done = (
    <div class="runner">
      <section class="section" data-testid="kiosk-done">
        <h1>{t('kioskThanks')}</h1>
        <p>{t('kioskHandBack')}</p>
        <button class="btn" onClick={() => go({ name: 'kiosk', id: session.id, section: 0 })}>
          ← {t('previous')}
        </button>
      </section>
      <Unlock />
    </div>
  );
  if (props.section === 'done') return done;
  return (
    <>
      <SelfRunner
        r={r}
        form={form}
        start={props.section}
        finishLabel={t('kioskFinish')}
        // The address follows the section, so a reload resumes there (kiosk mode survives reloads).
        onSection={(i) => history.replaceState(null, '', href({ name: 'kiosk', id: session.id, section: i }))}
        onFinish={() => go({ name: 'kiosk', id: session.id, section: 'done' })}
        empty={done}
      />
      <Unlock />
    </>
  );
}

/** The interviewer's way out: the PIN, with a pause after repeated wrong tries. */
function Unlock() {
  const { app, t, setKiosk, kiosk, setLang } = useApp();
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
      // The interviewer's review comes back in the interviewer's language.
      if (isAppLang(kiosk?.interviewerLang)) setLang(kiosk.interviewerLang);
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
