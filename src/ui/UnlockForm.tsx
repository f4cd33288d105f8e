/**
 * The locked app's form: the passphrase, a counted try at a time. In the first page (its words are in
 * src/app/i18n/en-first.ts): a device whose lock is on opens on it, drawn before the database is open
 * (the lock's flag in localStorage says so: ../app/boot.ts), so nothing waits for a screen's code.
 * What it says after a try that failed, the "forgot" text, the first start's choice and a damaged
 * lock are loaded later (./LockScreen.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import type { UnlockResult } from '../app/data-lock';
import type { LockReason } from '../app/lock-watch';
import type { MessageKey } from '../app/i18n';
import { useApp } from './context';
import { Lazy } from './components/Lazy';

/** Why the tab locked, in words (each key spelled out in a t() call: test/app/first-page-imports.test.ts reads them). */
function reasonText(t: (k: MessageKey) => string, reason: LockReason): string {
  if (reason === 'idle') return t('lockReasonIdle');
  if (reason === 'kiosk') return t('lockReasonKiosk');
  if (reason === 'manual') return t('lockReasonManual');
  return t('lockReasonMissed');
}

/**
 * `prepare`: loads what the unlock needs while the passphrase is typed. `unlock`: the try; when it
 * opens the lock, the app has left this screen by the time it resolves.
 */
export function UnlockForm(p: { reason: LockReason | null; kiosk: boolean; prepare(): void; unlock(passphrase: string): Promise<UnlockResult> }) {
  const { t } = useApp();
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);
  useEffect(() => p.prepare(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!value) return;
    setBusy(true);
    setMessage(null);
    performance.mark('dala:unlock-start'); // read by `npm run bench lock`
    let result: UnlockResult;
    try {
      result = await p.unlock(value);
    } catch (err) {
      result = { ok: false, reason: 'damaged', message: err instanceof Error ? err.message : String(err) };
    }
    setBusy(false);
    setValue('');
    if (result.ok) return;
    // Its words are not in the first page (./LockScreen.tsx).
    const failed = result;
    try {
      setMessage((await import('./LockScreen')).unlockProblem(t, failed));
    } catch (err) {
      setMessage(failed.reason === 'damaged' ? failed.message : err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form class="stack narrow" onSubmit={(e) => void submit(e)} data-testid="lock-unlock-form">
      <h1>{t('lockTitle')}</h1>
      {p.reason && <p class="muted" data-testid="lock-reason">{reasonText(t, p.reason)}</p>}
      {p.kiosk && <p class="notice">{t('lockKioskHint')}</p>}
      <label class="field">
        <span class="label">{t('lockPassphrase')}</span>
        <input type="password" autocomplete="current-password" value={value} disabled={busy} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} data-testid="lock-passphrase" />
      </label>
      {message && <p class="issue" role="alert" data-testid="lock-message">{message}</p>}
      <div class="row">
        <button class="btn primary" type="submit" disabled={busy} aria-busy={busy} data-testid="lock-unlock">{busy ? t('lockUnlocking') : t('lockUnlock')}</button>
      </div>
      <details onToggle={(e) => setForgot((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>{t('lockForgotTitle')}</summary>
        {forgot && <Lazy load={() => import('./LockScreen').then((m) => m.ForgotPassphrase)} props={{}} />}
      </details>
    </form>
  );
}
