import { useEffect, useMemo, useState } from 'preact/hooks';
import { splitIntoParts, type PartsStudy } from '../../core/link/index';
import { useApp } from '../context';
import { TextQr } from './QrCode';

/** How long each code of the sequence stays on screen while it plays. */
const STEP_MS = 1200;

/**
 * A study link too long for one QR code, as a sequence of numbered codes (docs/links.md): shown one
 * after another (playing by itself, with pause and step), or all at once on a sheet to print.
 * Another Dala reads them in any order with "Scan a study".
 */
export function QrSequence(p: { link: string; study: PartsStudy }) {
  const { t } = useApp();
  const parts = useMemo(() => splitIntoParts(p.link, p.study), [p.link, p.study.id, p.study.studyVersion]);
  const n = parts.length;
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState(() => !globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches);
  const [sheet, setSheet] = useState(false);
  useEffect(() => {
    if (!playing || sheet) return;
    const timer = setInterval(() => setAt((i) => (i + 1) % n), STEP_MS);
    return () => clearInterval(timer);
  }, [playing, sheet, n]);
  const step = (d: number) => {
    setPlaying(false);
    setAt((i) => (i + d + n) % n);
  };

  return (
    <section class="stack qr-sequence" aria-labelledby="seq-h" data-testid="qr-sequence" data-parts={n}>
      <h2 id="seq-h">{t('seqTitle', { n })}</h2>
      <p class="muted small no-print">{t('seqHint')}</p>
      <div class="row no-print" role="group" aria-label={t('seqView')}>
        <button class="btn small" type="button" aria-pressed={!sheet} onClick={() => setSheet(false)} data-testid="seq-one">{t('seqOneByOne')}</button>
        <button class="btn small" type="button" aria-pressed={sheet} onClick={() => setSheet(true)} data-testid="seq-sheet">{t('seqSheet')}</button>
      </div>
      {!sheet ? (
        <div class="stack">
          <p class="label" data-testid="seq-position">{t('seqPart', { i: at + 1, n })}</p>
          <TextQr text={parts[at]!} label={t('seqPart', { i: at + 1, n })} testid="qr-part" class="qr-large" />
          <div class="row" role="group" aria-label={t('seqControls')}>
            <button class="btn" type="button" onClick={() => step(-1)} aria-label={t('seqPrevious')} data-testid="seq-prev">←</button>
            <button class="btn" type="button" onClick={() => setPlaying(!playing)} data-testid="seq-play">{playing ? t('seqPause') : t('seqPlay')}</button>
            <button class="btn" type="button" onClick={() => step(1)} aria-label={t('seqNext')} data-testid="seq-next">→</button>
          </div>
        </div>
      ) : (
        <div class="stack">
          <p class="row no-print">
            <button class="btn" type="button" onClick={() => print()} data-testid="seq-print">{t('seqPrint')}</button>
          </p>
          <ol class="qr-sheet" data-testid="qr-sheet">
            {parts.map((part, i) => (
              <li key={i} data-part={i + 1}>
                <TextQr text={part} label={t('seqPart', { i: i + 1, n })} testid="qr-sheet-part" />
                <span class="small">{t('seqPart', { i: i + 1, n })}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
