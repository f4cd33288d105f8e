import { useMemo, useState } from 'preact/hooks';
import type { Instrument } from '../../core/instrument/types';
import { localize } from '../../core/instrument/types';
import { computeFormState } from '../../core/responses/form-state';
import type { Answer, AnswerValue } from '../../core/responses/types';
import { localNow, localToday } from '../../app/ids';
import { useApp } from '../context';
import { ItemField } from './ItemField';
import { useCompiled } from './useCompiled';

/**
 * The whole form on one page, in any of its languages, answerable in memory (nothing is saved) so the
 * researcher sees skip logic and constraints behave before saving the study.
 */
export function InstrumentPreview(p: { instrument: Instrument }) {
  const { t } = useApp();
  const ins = p.instrument;
  const [lang, setLang] = useState(ins.languages[0] ?? 'en');
  const [answers, setAnswers] = useState<Map<string, Answer>>(new Map());
  // The expression functions the form calls beyond the basic ones are loaded first (a chunk each).
  const { compiled, error } = useCompiled(ins);
  const form = useMemo(() => {
    if (!compiled) return null;
    const values: Record<string, AnswerValue> = {};
    for (const [k, a] of answers) values[k] = a.value;
    return computeFormState(compiled, values, localToday(), { now: localNow(), lang, seed: 'preview' });
  }, [compiled, answers, lang]);
  if (!form) {
    return (
      <section class="preview" data-testid="preview-pending" aria-busy={error ? undefined : 'true'}>
        {error ? <p role="alert">{error}</p> : <p>…</p>}
      </section>
    );
  }
  return (
    <section class="preview" aria-labelledby="preview-h" data-testid="preview">
      <div class="row">
        <h2 id="preview-h">{localize(ins.title, lang)}</h2>
        <label class="langpick-inline">
          <span class="sr-only">{t('studyLanguage')}</span>
          <select value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value)} data-testid="preview-lang">
            {ins.languages.map((l) => (
              <option key={l} value={l}>{ins.languageNames?.[l] ?? l}</option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted small">{t('previewHint')}</p>
      {ins.sections.map((s, i) =>
        form.sections[i]?.relevant ? (
          <div class="section" key={s.name} lang={lang}>
            <h3>{localize(s.label, lang)}</h3>
            {s.items
              .filter((it) => form.items.get(it.name)?.relevant)
              .map((it) => (
                <ItemField
                  key={it.name}
                  instrument={ins}
                  item={it}
                  lang={lang}
                  answer={answers.get(it.name)}
                  state={form.items.get(it.name)}
                  showIssue={answers.has(it.name)}
                  save={undefined}
                  disabled={false}
                  onChange={(patch) =>
                    setAnswers((prev) => {
                      const next = new Map(prev);
                      const old = prev.get(it.name);
                      next.set(it.name, { item: it.name, value: old?.value ?? null, ...old, ...patch, at: '' });
                      return next;
                    })
                  }
                  onFlush={() => {}}
                  t={t}
                />
              ))}
          </div>
        ) : null,
      )}
    </section>
  );
}
