import { useRef, useState } from 'preact/hooks';
import { useApp } from '../context';

/**
 * A link in a read-only field with a Copy button. Where the clipboard cannot be written (an old
 * browser, no permission), the text is selected so the device's own menu can copy it.
 */
export function LinkBox(p: { link: string; label: string; testid: string }) {
  const { t } = useApp();
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'ok' | 'select' | null>(null);
  const select = () => field.current?.select();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(p.link);
      setCopied('ok');
    } catch {
      field.current?.focus();
      select();
      setCopied('select');
    }
  };
  const id = `${p.testid}-field`;
  return (
    <div class="linkbox">
      <label class="label" for={id}>{p.label}</label>
      <textarea id={id} ref={field} class="link-text" readOnly rows={3} value={p.link} spellcheck={false} onFocus={select} data-testid={p.testid} />
      <div class="row">
        <button class="btn" type="button" onClick={() => void copy()} data-testid={`${p.testid}-copy`}>{t('copy')}</button>
        <span class="muted small" role="status">{copied === 'ok' ? t('copied') : copied === 'select' ? t('copySelect') : ''}</span>
      </div>
    </div>
  );
}
