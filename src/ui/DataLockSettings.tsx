import { useEffect, useState } from 'preact/hooks';
import { IDLE_CHOICES, PASSPHRASE_MIN, type UnlockResult } from '../app/data-lock';
import { useApp } from './context';
import { NewPassphrase, newPassphraseProblem } from './LockScreen';

type Open = null | 'change' | 'off' | 'on';

/**
 * Settings' "Data lock": its state, the idle time, "Lock" now, a new passphrase, and turning the lock
 * off (after a warning of what that exposes, with the passphrase) or on again.
 */
export function DataLockSettings() {
  const { app, t, lockStatus, lockAll, lockChanged } = useApp();
  const [idle, setIdle] = useState<number | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  useEffect(() => void app.lock.idleMinutes().then(setIdle), [app]);
  const on = lockStatus?.state === 'unlocked';

  const say = (r: UnlockResult): boolean => {
    if (r.ok) return true;
    setMessage({ ok: false, text: r.reason === 'damaged' ? t('lockDamaged', { error: r.message }) : r.reason === 'wait' ? t('lockWait', { s: r.seconds }) : t('lockWrong', { n: r.left }) });
    return false;
  };
  const choose = (next: Open) => {
    setOpen(next);
    setCurrent('');
    setValue('');
    setAgain('');
    setMessage(null);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(0);
    try {
      await work();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (open === 'off')
      return void run(async () => {
        if (say(await app.lock.turnOff(current, (n) => setBusy(n)))) {
          choose(null);
          lockChanged();
        }
      });
    const bad = newPassphraseProblem(t, value, again);
    if (bad) return setMessage({ ok: false, text: bad });
    if (open === 'change')
      return void run(async () => {
        if (say(await app.lock.changePassphrase(current, value))) {
          choose(null);
          setMessage({ ok: true, text: t('dataLockChanged') });
          lockChanged();
        }
      });
    return void run(async () => {
      await app.lock.setUp(value, (n) => setBusy(n));
      choose(null);
      lockChanged();
    });
  };

  return (
    <section aria-labelledby="lock-h" class="card stack" data-testid="data-lock-settings">
      <h2 id="lock-h">{t('dataLockTitle')}</h2>
      <p data-testid="data-lock-state" class={on ? 'notice' : 'banner warn'}>{on ? t('dataLockOnState') : t('dataLockOffState')}</p>
      {on && idle !== null && (
        <label class="field">
          <span class="label">{t('dataLockIdle')}</span>
          <select
            value={String(idle)}
            onChange={(e) => {
              const m = Number((e.currentTarget as HTMLSelectElement).value);
              setIdle(m);
              void app.lock.setIdleMinutes(m).then(lockChanged);
            }}
            data-testid="data-lock-idle"
          >
            {IDLE_CHOICES.map((m) => (
              <option key={m} value={String(m)}>{t('dataLockIdleOption', { n: m })}</option>
            ))}
          </select>
        </label>
      )}
      <div class="row">
        {on && (
          <>
            <button class="btn" type="button" onClick={lockAll}>{t('lockNow')}</button>
            <button class="btn" type="button" onClick={() => choose('change')} data-testid="data-lock-change">{t('dataLockChange')}</button>
            <button class="btn" type="button" onClick={() => choose('off')} data-testid="data-lock-off">{t('dataLockTurnOff')}</button>
          </>
        )}
        {!on && (
          <button class="btn" type="button" onClick={() => choose('on')} data-testid="data-lock-on">{t('dataLockTurnOn')}</button>
        )}
      </div>
      {open && (
        <form class="stack" onSubmit={submit}>
          {open === 'off' && <p class="banner warn">{t('lockOffWarning')}</p>}
          {open === 'on' && <p>{t('lockSetupExplain')}</p>}
          {(open === 'off' || open === 'change') && (
            <label class="field">
              <span class="label">{t('dataLockCurrent')}</span>
              <input type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent((e.currentTarget as HTMLInputElement).value)} data-testid="data-lock-current" />
            </label>
          )}
          {open !== 'off' && (
            <NewPassphrase value={value} again={again} onValue={setValue} onAgain={setAgain} label={open === 'change' ? t('dataLockNew') : undefined} testid="data-lock-new" />
          )}
          {busy !== null && <p role="status" aria-busy="true">{t(open === 'off' ? 'dataLockOpening' : 'lockSealing', { n: busy })}</p>}
          <div class="row">
            <button class="btn primary" type="submit" disabled={busy !== null || (open === 'off' && current.length < 1) || (open !== 'off' && value.length < PASSPHRASE_MIN)} data-testid="data-lock-confirm">
              {open === 'off' ? t('dataLockTurnOffConfirm') : open === 'change' ? t('dataLockChange') : t('lockSetupStart')}
            </button>
            <button class="btn" type="button" onClick={() => choose(null)}>{t('cancel')}</button>
          </div>
        </form>
      )}
      {message && (
        <p class={message.ok ? 'notice' : 'issue'} role={message.ok ? 'status' : 'alert'} data-testid="data-lock-message">{message.text}</p>
      )}
    </section>
  );
}
