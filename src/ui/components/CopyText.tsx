import { useRef, useState } from 'preact/hooks';
import { useApp } from '../context';

/**
 * A short text (a key) shown as code, with a Copy button. Where the clipboard cannot be written (an
 * old browser, no permission), the text is selected so the device's own menu can copy it.
 */
export function CopyText(p: { text: string; testid: string; label?: string }) {
  const { t } = useApp();
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'ok' | 'select' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(p.text);
      setCopied('ok');
    } catch {
      if (code.current) getSelection()?.selectAllChildren(code.current);
      setCopied('select');
    }
  };
  return (
    <div class="copytext">
      <code ref={code} class="code small break" data-testid={p.testid}>{p.text}</code>
      <div class="row">
        <button class="btn small" type="button" onClick={() => void copy()} aria-label={p.label ? `${t('copy')}: ${p.label}` : undefined} data-testid={`${p.testid}-copy`}>{t('copy')}</button>
        <span class="muted small" role="status">{copied === 'ok' ? t('copied') : copied === 'select' ? t('copyKeySelect') : ''}</span>
      </div>
    </div>
  );
}
