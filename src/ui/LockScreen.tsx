import { useEffect, useState } from 'preact/hooks';
import { PASSPHRASE_MIN, type LockStatus } from '../app/data-lock';
import type { LockReason } from '../app/lock-watch';
import type { MessageKey } from '../app/i18n';
import { useApp } from './context';

/** The passphrase fields of a new passphrase: both typed, long enough, the same. */
export function NewPassphrase(p: { value: string; again: string; onValue(v: string): void; onAgain(v: string): void; label?: string; testid?: string }) {
  const { t } = useApp();
  const testid = p.testid ?? 'lock-new';
  return (
    <>
      <label class="field">
        <span class="label">{p.label ?? t('lockPassphrase')}</span>
        <input type="password" autocomplete="new-password" value={p.value} onInput={(e) => p.onValue((e.currentTarget as HTMLInputElement).value)} data-testid={testid} />
        <span class="hint">{t('lockPassphraseShort', { n: PASSPHRASE_MIN })}</span>
      </label>
      <label class="field">
        <span class="label">{t('lockPassphraseAgain')}</span>
        <input type="password" autocomplete="new-password" value={p.again} onInput={(e) => p.onAgain((e.currentTarget as HTMLInputElement).value)} data-testid={`${testid}-again`} />
      </label>
    </>
  );
}

/** What is wrong with a new passphrase, in words; null when it will do. */
export function newPassphraseProblem(t: (k: MessageKey, p?: Record<string, string | number>) => string, value: string, again: string): string | null {
  if (value.length < PASSPHRASE_MIN) return t('lockPassphraseShort', { n: PASSPHRASE_MIN });
  if (value !== again) return t('lockPassphraseMismatch');
  return null;
}

/**
 * The first start of a device (or the first after the update that brought the lock): choose a
 * passphrase, which encrypts what is already here, or keep the data unlocked after reading what that
 * exposes.
 */
function LockSetup(p: { onDone(): void }) {
  const { app, t } = useApp();
  const [value, setValue] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [off, setOff] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const bad = newPassphraseProblem(t, value, again);
    if (bad) return setProblem(bad);
    setProblem(null);
    setBusy(0);
    try {
      await app.lock.setUp(value, (n) => setBusy(n));
      p.onDone();
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
      setBusy(null);
    }
  };
  return (
    <form class="stack narrow" onSubmit={(e) => void submit(e)} data-testid="lock-setup">
      <h1>{t('lockSetupTitle')}</h1>
      <p>{t('lockSetupExplain')}</p>
      <NewPassphrase value={value} again={again} onValue={setValue} onAgain={setAgain} />
      {problem && <p class="issue" role="alert" data-testid="lock-problem">{problem}</p>}
      {busy !== null && <p role="status" aria-busy="true">{t('lockSealing', { n: busy })}</p>}
      <div class="row">
        <button class="btn primary" type="submit" disabled={busy !== null} data-testid="lock-setup-start">{t('lockSetupStart')}</button>
        <button class="btn" type="button" disabled={busy !== null} onClick={() => setOff(true)} data-testid="lock-keep-off">{t('lockKeepOff')}</button>
      </div>
      {off && (
        <div class="banner warn stack" role="alert">
          <p>{t('lockOffWarning')}</p>
          <div class="row">
            <button class="btn" type="button" onClick={() => void app.lock.keepOff().then(p.onDone)} data-testid="lock-keep-off-confirm">{t('lockKeepOffConfirm')}</button>
            <button class="btn" type="button" onClick={() => setOff(false)}>{t('cancel')}</button>
          </div>
        </div>
      )}
    </form>
  );
}

const REASON: Record<LockReason, MessageKey> = { idle: 'lockReasonIdle', kiosk: 'lockReasonKiosk', manual: 'lockReasonManual', missed: 'lockReasonMissed' };

/** The locked app: the passphrase, a counted try at a time. */
function Unlock(p: { reason: LockReason | null; kiosk: boolean; onDone(): void }) {
  const { app, t } = useApp();
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // While the passphrase is typed, what the unlock needs is loaded.
  useEffect(() => app.lock.prepare(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!value) return;
    setBusy(true);
    setMessage(null);
    performance.mark('dala:unlock-start');
    const result = await app.lock.unlock(value);
    setBusy(false);
    setValue('');
    if (result.ok) {
      performance.mark('dala:unlocked');
      p.onDone();
    } else if (result.reason === 'damaged') setMessage(t('lockDamaged', { error: result.message }));
    else setMessage(result.reason === 'wait' ? t('lockWait', { s: result.seconds }) : t('lockWrong', { n: result.left }));
  };
  return (
    <form class="stack narrow" onSubmit={(e) => void submit(e)} data-testid="lock-unlock-form">
      <h1>{t('lockTitle')}</h1>
      {p.reason && <p class="muted" data-testid="lock-reason">{t(REASON[p.reason])}</p>}
      {p.kiosk && <p class="notice">{t('lockKioskHint')}</p>}
      <label class="field">
        <span class="label">{t('lockPassphrase')}</span>
        <input type="password" autocomplete="current-password" value={value} disabled={busy} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} data-testid="lock-passphrase" />
      </label>
      {message && <p class="issue" role="alert" data-testid="lock-message">{message}</p>}
      <div class="row">
        <button class="btn primary" type="submit" disabled={busy} aria-busy={busy} data-testid="lock-unlock">{busy ? t('lockUnlocking') : t('lockUnlock')}</button>
      </div>
      <details>
        <summary>{t('lockForgotTitle')}</summary>
        <p class="small">{t('lockForgot')}</p>
      </details>
    </form>
  );
}

/** What a tab shows while the data lock keeps it closed: the first-start choice, or the unlock. */
export function LockScreen(p: { status: LockStatus; reason: LockReason | null; kiosk: boolean; onDone(): void }) {
  const { t } = useApp();
  if (p.status.state === 'damaged')
    return (
      <div class="stack narrow">
        <h1>{t('lockTitle')}</h1>
        <p class="issue" role="alert" data-testid="lock-damaged">{t('lockDamaged', { error: p.status.message })}</p>
        <p class="small">{t('lockForgot')}</p>
      </div>
    );
  if (p.status.state === 'undecided') return <LockSetup onDone={p.onDone} />;
  return <Unlock reason={p.reason} kiosk={p.kiosk} onDone={p.onDone} />;
}
