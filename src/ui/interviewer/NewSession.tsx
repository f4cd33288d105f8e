import { useEffect, useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import type { StudyRecord } from '../../app/model';
import { newRespondentCode } from '../../app/ids';
import { useApp } from '../context';
import { go, href } from '../route';

/**
 * New session: respondent code, interviewer, language; then the consent text. Nothing about the
 * respondent is stored until they agree; a refusal only adds one to the study's refusal count.
 */
export function NewSession(props: { studyId: string; studyVersion: string }) {
  const { app, t, lang: appLang } = useApp();
  const [study, setStudy] = useState<StudyRecord | null | undefined>(undefined);
  const [code, setCode] = useState(newRespondentCode);
  // The last interviewer code (sealed while the data lock is on), unless one was typed meanwhile.
  const [interviewer, setInterviewer] = useState('');
  useEffect(() => void app.lastInterviewer().then((v) => setInterviewer((now) => now || v), () => {}), [app]);
  const [studyLang, setStudyLang] = useState<string>('');
  const [step, setStep] = useState<'form' | 'consent' | 'declined'>('form');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void app.getStudy(props.studyId, props.studyVersion).then((s) => {
      setStudy(s ?? null);
      if (s) setStudyLang(s.instrument.languages.includes(appLang) ? appLang : s.instrument.languages[0] ?? 'en');
    });
  }, [app, props.studyId, props.studyVersion]);

  if (study === undefined) return <p aria-busy="true">…</p>;
  if (study === null) return <p role="alert">{t('unknownSession')}</p>;
  const ins = study.instrument;

  if (step === 'declined') {
    return (
      <div class="stack narrow">
        <p role="status" class="notice">{t('declined')}</p>
        <a class="btn primary" href={href({ name: 'sessions' })}>{t('backToSessions')}</a>
      </div>
    );
  }

  if (step === 'consent') {
    const agree = async () => {
      setBusy(true);
      try {
        const session = await app.startSession({ study: ins, respondentCode: code.trim(), interviewer: interviewer.trim(), lang: studyLang });
        go({ name: 'session', id: session.id, section: 0 });
      } finally {
        setBusy(false);
      }
    };
    const decline = async () => {
      setBusy(true);
      await app.recordRefusal(ins.id);
      setBusy(false);
      setStep('declined');
    };
    return (
      <div class="stack narrow" lang={studyLang}>
        <h1>{t('consent')}</h1>
        <p class="muted" lang={appLang}>{t('consentAsk')}</p>
        <article class="consent-text" data-testid="consent-text">
          {localize(ins.consent?.text, studyLang)
            .split(/\n{2,}/)
            .map((para, i) => (
              <p key={i}>{para}</p>
            ))}
        </article>
        <p class="muted small" lang={appLang}>{t('consentVersion', { v: ins.consent?.version ?? '—' })}</p>
        <div class="row" lang={appLang}>
          <button class="btn primary" disabled={busy} onClick={() => void agree()} data-testid="consent-agree">{t('agree')}</button>
          <button class="btn" disabled={busy} onClick={() => void decline()} data-testid="consent-decline">{t('decline')}</button>
        </div>
      </div>
    );
  }

  const submit = (e: Event) => {
    e.preventDefault();
    if (!code.trim() || !interviewer.trim()) return;
    void app.rememberInterviewer(interviewer.trim()).catch(() => {});
    setStep('consent');
  };
  return (
    <form class="stack narrow" onSubmit={submit}>
      <h1>{t('newSession')}</h1>
      <p class="muted">{localize(ins.title, appLang)}</p>
      <label class="field">
        <span class="label">{t('respondentCode')}</span>
        <input required value={code} maxLength={40} autocomplete="off" onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)} data-testid="respondent-code" />
        <span class="hint">{t('respondentCodeHint')}</span>
      </label>
      <label class="field">
        <span class="label">{t('interviewerCode')}</span>
        <input required value={interviewer} maxLength={40} autocomplete="off" onInput={(e) => setInterviewer((e.currentTarget as HTMLInputElement).value)} data-testid="interviewer" />
        <span class="hint">{t('interviewerHint')}</span>
      </label>
      <label class="field">
        <span class="label">{t('studyLanguage')}</span>
        <select value={studyLang} onChange={(e) => setStudyLang((e.currentTarget as HTMLSelectElement).value)} data-testid="study-lang">
          {ins.languages.map((l) => (
            <option key={l} value={l}>{ins.languageNames?.[l] ?? l}</option>
          ))}
        </select>
      </label>
      <div class="row">
        <button class="btn primary" type="submit" data-testid="to-consent">{t('continue')}</button>
        <a class="btn" href={href({ name: 'sessions' })}>{t('cancel')}</a>
      </div>
    </form>
  );
}
