import { useState } from 'preact/hooks';
import { PASSPHRASE_MIN, type LockStatus, type UnlockResult } from '../app/data-lock';
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

/**
 * What a tab shows while the data lock keeps it closed and it cannot be unlocked: the first-start
 * choice, or a damaged lock. (A lock that opens with the passphrase: ./UnlockForm.tsx, in the first page.)
 */
export function LockScreen(p: { status: LockStatus; onDone(): void }) {
  const { t } = useApp();
  if (p.status.state === 'damaged')
    return (
      <div class="stack narrow">
        <h1>{t('lockTitle')}</h1>
        <p class="issue" role="alert" data-testid="lock-damaged">{t('lockDamaged', { error: p.status.message })}</p>
        <p class="small">{t('lockForgot')}</p>
      </div>
    );
  return <LockSetup onDone={p.onDone} />;
}

/**
 * What the unlock form (./UnlockForm.tsx, in the first page) says after a try that did not open the
 * lock: loaded then, with every word of the app (there long before a passphrase is typed).
 */
export function unlockProblem(t: (k: MessageKey, p?: Record<string, string | number>) => string, result: Exclude<UnlockResult, { ok: true }>): string {
  if (result.reason === 'damaged') return t('lockDamaged', { error: result.message });
  return result.reason === 'wait' ? t('lockWait', { s: result.seconds }) : t('lockWrong', { n: result.left });
}

/** The unlock form's "Forgot the passphrase?", once opened. */
export function ForgotPassphrase() {
  const { t } = useApp();
  return <p class="small">{t('lockForgot')}</p>;
}
