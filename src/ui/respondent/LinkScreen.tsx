import { useEffect, useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import type { LinkFailure } from '../../core/link/index';
import { isAppLang, type MessageKey } from '../../app/i18n';
import { openStudyLink, startLinkSession, type OpenedLink } from '../../app/self-completion';
import { useApp } from '../context';
import { RespondentDone } from './RespondentDone';
import { STUDY_REFUSED } from '../components/study-refusal';
import { RespondentRunner } from './RespondentRunner';

type Opened = Extract<OpenedLink, { ok: true }>;
type Step =
  | { name: 'welcome' }
  | { name: 'consent'; lang: string }
  | { name: 'declined' }
  | { name: 'run'; sessionId: string; section: number }
  | { name: 'done'; sessionId: string };

/** What the respondent reads for each reason a link is refused (the English detail is under "Details"). */
const LINK_ERRORS: Record<LinkFailure, MessageKey> = {
  'not-a-link': 'linkErrNotLink',
  'too-long': 'linkErrTooLong',
  version: 'linkErrVersion',
  instrument: 'linkErrStudy',
  incomplete: 'linkErrDamaged',
  characters: 'linkErrDamaged',
  damaged: 'linkErrDamaged',
  'too-large': 'linkErrDamaged',
  checksum: 'linkErrDamaged',
  json: 'linkErrDamaged',
  ...STUDY_REFUSED,
};

/**
 * Respondent mode: a study link opened on the respondent's own device. The study is added to the
 * device, then: language, consent, every section, and the end screen with the sealed answers. A
 * link opened again resumes its draft (or shows the end screen again once complete).
 */
export function LinkScreen(p: { fragment: string }) {
  const { app, t } = useApp();
  const [opened, setOpened] = useState<OpenedLink | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ name: 'welcome' });

  useEffect(() => {
    openStudyLink(app, p.fragment).then(
      (o) => {
        setOpened(o);
        const s = o.ok ? o.session : undefined;
        if (s?.status === 'draft') setStep({ name: 'run', sessionId: s.id, section: s.lastSection ?? 0 });
        else if (s?.status === 'complete') setStep({ name: 'done', sessionId: s.id });
      },
      (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)),
    );
  }, [app, p.fragment]);

  if (failed) return <p role="alert">{failed}</p>;
  if (!opened) return <p aria-busy="true">…</p>;
  if (!opened.ok) {
    return (
      <div class="stack narrow" data-testid="link-error" data-reason={opened.error.reason}>
        <h1>{t('linkErrTitle')}</h1>
        <p role="alert">{t(LINK_ERRORS[opened.error.reason])}</p>
        <details>
          <summary>{t('details')}</summary>
          <p lang="en" class="small">{opened.error.message}</p>
        </details>
      </div>
    );
  }
  const link = location.origin + location.pathname + p.fragment;
  switch (step.name) {
    case 'run':
      return <RespondentRunner sessionId={step.sessionId} start={step.section} onDone={() => setStep({ name: 'done', sessionId: step.sessionId })} />;
    case 'done':
      return <RespondentDone sessionId={step.sessionId} recipients={opened.recipients} link={link} />;
    case 'declined':
      return (
        <div class="stack narrow">
          <p role="status" class="notice" data-testid="self-declined">{t('selfDeclined')}</p>
        </div>
      );
    case 'consent':
      return <Consent opened={opened} lang={step.lang} onStart={(id) => setStep({ name: 'run', sessionId: id, section: 0 })} onDecline={() => setStep({ name: 'declined' })} />;
    case 'welcome':
      return <Welcome opened={opened} onLang={(lang) => setStep({ name: 'consent', lang })} />;
  }
}

/** The study's title and description, and its languages to choose from. */
function Welcome(p: { opened: Opened; onLang(lang: string): void }) {
  const { t, lang: appLang, setLang } = useApp();
  const ins = p.opened.study.instrument;
  const shown = ins.languages.includes(appLang) ? appLang : (ins.languages[0] ?? 'en');
  const choose = (l: string) => {
    // The app's own words follow the respondent's choice when the app speaks that language.
    if (isAppLang(l)) setLang(l);
    p.onLang(l);
  };
  if (p.opened.recipients.length === 0) {
    return (
      <div class="stack narrow">
        <h1 lang={shown}>{localize(ins.title, shown)}</h1>
        <p role="alert" class="banner warn" data-testid="link-no-key">{t('selfNoKey')}</p>
      </div>
    );
  }
  const description = localize(ins.description, shown);
  return (
    <div class="stack narrow" data-testid="self-welcome">
      <h1 lang={shown}>{localize(ins.title, shown)}</h1>
      <p class="muted small" data-testid="link-signer">
        {t('linkSignedBy')} <code class="fingerprint">{p.opened.signer.fingerprint}</code>
      </p>
      {description && (
        <details lang={shown}>
          <summary>{t('aboutStudy')}</summary>
          {description.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)}
        </details>
      )}
      {ins.languages.length > 1 ? (
        <div class="choose-lang" role="group" aria-labelledby="lang-h">
          <h2 id="lang-h">{t('selfChooseLang')}</h2>
          {ins.languages.map((l) => (
            <button key={l} class="btn primary" lang={l} onClick={() => choose(l)} data-testid={`self-lang-${l}`}>
              {ins.languageNames?.[l] ?? l}
            </button>
          ))}
        </div>
      ) : (
        <button class="btn primary" onClick={() => choose(shown)} data-testid={`self-lang-${shown}`}>{t('selfStart')}</button>
      )}
    </div>
  );
}

/** The study's consent text; agreeing starts the session (by "self"), declining keeps only a count. */
function Consent(p: { opened: Opened; lang: string; onStart(sessionId: string): void; onDecline(): void }) {
  const { app, t, lang: appLang } = useApp();
  const [busy, setBusy] = useState(false);
  const ins = p.opened.study.instrument;
  const agree = async () => {
    setBusy(true);
    try {
      const session = await startLinkSession(app, p.opened.study, p.opened.referral, p.lang);
      p.onStart(session.id);
    } finally {
      setBusy(false);
    }
  };
  const decline = async () => {
    setBusy(true);
    await app.recordRefusal(ins.id);
    p.onDecline();
  };
  const text = localize(ins.consent?.text, p.lang);
  return (
    <div class="stack narrow" data-testid="self-consent">
      <h1>{t('consent')}</h1>
      {text && (
        <article class="consent-text" lang={p.lang} data-testid="consent-text">
          {text.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)}
        </article>
      )}
      <p class="muted small" lang={appLang}>{t('consentVersion', { v: ins.consent?.version ?? '—' })}</p>
      <div class="row">
        <button class="btn primary" disabled={busy} onClick={() => void agree()} data-testid="self-agree">{t('selfAgree')}</button>
        <button class="btn" disabled={busy} onClick={() => void decline()} data-testid="self-decline">{t('selfDecline')}</button>
      </div>
    </div>
  );
}
