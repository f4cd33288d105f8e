import { useEffect, useState } from 'preact/hooks';
import { isAppLang } from '../../app/i18n';
import { localize } from '../../core/instrument/types';
import type { FormState } from '../../core/responses/form-state';
import { selfProgress, selfScreens } from '../../core/responses/self-part';
import { useApp } from '../context';
import { RunnerProgress, SectionScreen } from '../components/SectionScreen';
import { useNarrow } from '../components/useNarrow';
import type { RunnerState } from '../interviewer/useRunner';

/**
 * The respondent alone (kiosk mode and study links): only the respondent's part of the study
 * (src/core/responses/self-part.ts), with progress counted over it, no notes and no guidance. On a
 * phone one statement per screen, moving on by itself once a single choice is answered. The header's
 * language control is the respondent's: it sets the study's language and the app's together.
 */
export function SelfRunner(p: {
  r: RunnerState;
  form: FormState;
  /** The section to start at (resume). */
  start: number;
  finishLabel: string;
  /** Called with the section now shown (to remember it). */
  onSection(section: number): void;
  onFinish(): void;
  /** Shown when the respondent's part has nothing to ask (or is over). */
  empty: preact.ComponentChildren;
}) {
  const { t } = useApp();
  const { r, form } = p;
  const perItem = useNarrow();
  const session = r.session!;
  const ins = r.study!.instrument;
  const screens = selfScreens(ins, form, { perItem });
  const [at, setAt] = useState<{ section: number; item: string | null }>({ section: p.start, item: null });
  useRespondentLang(r);
  if (screens.length === 0) return <>{p.empty}</>;
  // The screen of the section (and item) we are at; a screen that no longer applies gives way to the next.
  let pos = screens.findIndex((s) => (at.item ? s.items.includes(at.item) : s.section >= at.section));
  if (pos < 0) pos = screens.findIndex((s) => s.section >= at.section);
  if (pos < 0) pos = screens.length - 1;
  const screen = screens[pos]!;
  const prev = screens[pos - 1];
  const next = screens[pos + 1];
  const move = (to: (typeof screens)[number]) => {
    setAt({ section: to.section, item: to.items[0] ?? null });
    if (to.section !== screen.section) p.onSection(to.section);
  };
  const { answered, answerable } = selfProgress(ins, form);
  return (
    <div class="runner" data-testid="self-runner">
      <RunnerProgress r={r} answered={answered} answerable={answerable} caption={<span lang={session.lang}>{localize(ins.title, session.lang)}</span>} />
      <SectionScreen
        key={`${screen.section}:${screen.items.join(',')}`}
        r={r}
        form={form}
        idx={screen.section}
        items={screen.items}
        autoAdvance={perItem}
        position={{ n: pos + 1, total: screens.length }}
        readOnly={r.locked}
        notes={false}
        hasPrev={prev !== undefined}
        nextLabel={next !== undefined ? t('next') : p.finishLabel}
        onPrev={() => prev && move(prev)}
        onNext={() => (next ? move(next) : p.onFinish())}
      />
    </div>
  );
}

/**
 * While a respondent answers, the header's language control offers the study's languages: choosing
 * one sets the session's language and, when the app speaks it, the app's words too.
 */
function useRespondentLang(r: RunnerState): void {
  const { app, setRespondentLang, setLang } = useApp();
  const session = r.session;
  const ins = r.study?.instrument;
  useEffect(() => {
    if (!session || !ins || ins.languages.length < 2) return setRespondentLang(null);
    setRespondentLang({
      value: session.lang,
      langs: ins.languages.map((code) => ({ code, name: ins.languageNames?.[code] ?? code })),
      set: (lang: string) => {
        if (isAppLang(lang)) setLang(lang);
        void app.setSessionLang(session.id, lang).then(r.setSession);
      },
    });
    return () => setRespondentLang(null);
  }, [session?.id, session?.lang, ins]);
  // The app speaks the respondent's language from the start, when it can.
  useEffect(() => {
    if (session && isAppLang(session.lang)) setLang(session.lang);
  }, [session?.id]);
}
