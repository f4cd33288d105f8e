import { useState } from 'preact/hooks';
import { PIN_PATTERN } from '../../app/kiosk';
import { sectionForRespondent } from '../../core/instrument/types';
import { useApp } from '../context';
import { go } from '../route';
import { LoadFailed } from '../components/Lazy';
import type { RunnerState } from './useRunner';

/** "Hand the tablet to the respondent": the interviewer sets a PIN, then kiosk mode shows only the self-completed part. */
export function HandOver(p: { runner: RunnerState }) {
  const { app, t, setKiosk, lang } = useApp();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loadFailed, setLoadFailed] = useState<string | null>(null);
  const session = p.runner.session!;
  const ins = p.runner.study!.instrument;
  const first = ins.sections.findIndex((s) => sectionForRespondent(ins, s));

  if (!open)
    return (
      <button class="btn" onClick={() => setOpen(true)} data-testid="hand-over">
        {t('handOver')}
      </button>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!PIN_PATTERN.test(pin)) return setError(t('pinFormat'));
    if (pin !== again) return setError(t('pinMismatch'));
    await p.runner.flush();

    // The kiosk screen's code first: if it cannot be loaded (a tab of an older version, whose files
    // an update in another tab removed), kiosk mode must not start around a screen that cannot
    // show. Loaded once, App's import of it is answered from the module map.
    try {
      await import('../respondent/KioskRunner');
    } catch (e) {
      setLoadFailed(e instanceof Error ? e.message : String(e));
      return;
    }
    const state = await app.enterKiosk(session.id, pin, lang);
    go({ name: 'kiosk', id: session.id, section: Math.max(0, first) });
    setKiosk(state);
  };
  return (
    <form class="card stack handover" onSubmit={(e) => void submit(e)} data-testid="hand-over-form">
      <p>{t('handOverExplain')}</p>
      <label class="field">
        <span class="label">{t('pinChoose')}</span>
        <input type="password" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin((e.currentTarget as HTMLInputElement).value)} data-testid="pin" />
      </label>
      <label class="field">
        <span class="label">{t('pinAgain')}</span>
        <input type="password" inputMode="numeric" autocomplete="off" value={again} onInput={(e) => setAgain((e.currentTarget as HTMLInputElement).value)} data-testid="pin-again" />
      </label>
      {error && <p class="issue" role="alert">{error}</p>}
      {loadFailed && <LoadFailed detail={loadFailed} />}
      <div class="row">
        <button class="btn primary" type="submit" data-testid="start-kiosk">{t('handOverStart')}</button>
        <button class="btn" type="button" onClick={() => setOpen(false)}>{t('cancel')}</button>
      </div>
    </form>
  );
}
