import { useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import type { StudyRecord } from '../../app/model';
import { useApp } from '../context';
import { href } from '../route';

/**
 * The studies on the device, each with what can be done with it. The demo study can load the paper's
 * example answers, and remove them again in one step (after a confirmation).
 */
export function StudyCards(p: { studies: StudyRecord[]; refusals: Record<string, number>; examples: Record<string, number>; onChange(message: string, undo?: () => Promise<void>): void }) {
  const { app, t, lang } = useApp();
  const [confirming, setConfirming] = useState<string | null>(null);
  const loadExamples = async () => {
    await app.loadDemoExamples();
    p.onChange(t('examplesLoaded'));
  };
  const removeExamples = async (studyId: string) => {
    const deleted = await app.removeExamples(studyId);
    setConfirming(null);
    p.onChange(t('examplesRemoved', { n: deleted.sessions.length }), () => app.undoDelete(deleted));
  };
  return (
    <ul class="cards">
      {p.studies.map((s) => {
        const key = `${s.id}@${s.studyVersion}`;
        const nExamples = p.examples[s.id] ?? 0;
        return (
          <li class="card" key={key}>
            <h2>{localize(s.instrument.title, lang)}</h2>
            <p class="muted">
              {t('studyVersion')}: {s.studyVersion} · {s.instrument.languages.map((l) => s.instrument.languageNames?.[l] ?? l).join(', ')}
              {p.refusals[s.id] ? ` · ${t('refusals')}: ${p.refusals[s.id]}` : ''}
            </p>
            <div class="row">
              <a class="btn primary" href={href({ name: 'new', studyId: s.id, studyVersion: s.studyVersion })} data-testid="new-session">
                {t('newSession')}
              </a>
              <a class="btn" href={href({ name: 'data', studyId: s.id, studyVersion: s.studyVersion })} data-testid="study-data">
                {t('studyDataButton')}
              </a>
              <a class="btn" href={href({ name: 'results', studyId: s.id, studyVersion: s.studyVersion })} data-testid="results">
                {t('results')}
              </a>
              <a class="btn" href={href({ name: 'coding', studyId: s.id, studyVersion: s.studyVersion })} data-testid="coding-link">
                {t('coding')}
              </a>
              <a class="btn" href={href({ name: 'share', studyId: s.id, studyVersion: s.studyVersion })} data-testid="share">
                {t('share')}
              </a>
              {s.source === 'demo' && nExamples === 0 && (
                <button class="btn" onClick={() => void loadExamples()} data-testid="load-examples">
                  {t('loadExamples')}
                </button>
              )}
              {nExamples > 0 && confirming !== key && (
                <button class="btn" onClick={() => setConfirming(key)} data-testid="remove-examples">
                  {t('removeExamples', { n: nExamples })}
                </button>
              )}
            </div>
            {confirming === key && (
              <div class="banner warn" role="alertdialog" aria-labelledby={`rmex-${key}`}>
                <p id={`rmex-${key}`}>{t('removeExamplesConfirm', { n: nExamples })}</p>
                <div class="row">
                  <button class="btn primary" onClick={() => void removeExamples(s.id)} data-testid="remove-examples-yes">{t('deleteYes')}</button>
                  <button class="btn" onClick={() => setConfirming(null)}>{t('cancel')}</button>
                </div>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
