import { useRef, useState } from 'preact/hooks';
import { localize } from '../../core/instrument/types';
import { addPart, decodeStudyLink, missingParts, scannedKind, type PartsCollection } from '../../core/link/index';
import type { MessageKey } from '../../app/i18n';
import { useApp } from '../context';
import { href } from '../route';
import { QrScanner } from './QrScanner';
import { STUDY_REFUSED } from '../components/study-refusal';

type Note = { key: MessageKey; params?: Record<string, string | number>; detail?: string };
type Added = { kind: 'added' | 'there'; fingerprint: string } | { kind: 'refused'; key: MessageKey; detail: string };

/**
 * "Scan a study": the camera reads a study's QR code, or the codes of a sequence in any order (which
 * parts are still missing is shown), or a link is pasted. The whole link, checked, then opens on this
 * Dala exactly as if it had been typed (its fragment; the address it was made on does not matter),
 * or its study is added to this device for interviews.
 */
export function ScanStudy() {
  const { app, t, lang } = useApp();
  const [scanning, setScanning] = useState(true);
  const [parts, setParts] = useState<PartsCollection | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [pasted, setPasted] = useState('');
  const [added, setAdded] = useState<Added | null>(null);
  // The parts read so far, also outside the render: a frame may hold several codes, read one by one.
  const collected = useRef<PartsCollection | null>(null);

  const take = (text: string) => {
    const kind = scannedKind(text);
    if (kind === 'study-link') {
      setScanning(false);
      setNote(null);
      return setLink(text.trim());
    }
    if (kind === 'key') return setNote({ key: 'scanIsKey' });
    if (kind !== 'study-part') return setNote({ key: 'scanNotStudy' });
    if (collected.current && missingParts(collected.current).length === 0) return; // complete already
    const out = addPart(collected.current, text);
    collected.current = out.collection;
    setParts(out.collection);
    if (out.kind === 'refused') {
      return setNote(out.reason === 'other-sequence' ? { key: 'scanOtherStudy', params: { id: out.other?.studyId ?? '', v: out.other?.studyVersion ?? '' } } : { key: out.reason === 'whole' || out.reason === 'conflict' ? 'scanPartsBroken' : 'scanPartDamaged', detail: out.message });
    }
    setNote(null);
    if (out.kind === 'complete') {
      setScanning(false);
      setLink(out.text);
    }
  };
  const restart = () => {
    collected.current = null;
    setParts(null);
    setLink(null);
    setNote(null);
    setAdded(null);
    setScanning(true);
  };

  const opened = link ? decodeStudyLink(link) : null;
  const fragment = link && link.includes('#') ? link.slice(link.indexOf('#')).replace(/\s+/g, '') : null;
  const missing = parts ? missingParts(parts) : [];

  return (
    <div class="stack narrow" data-testid="scan-study">
      <h1>{t('scanStudy')}</h1>
      <p class="muted">{t('scanStudyHint')}</p>
      {scanning && <QrScanner label={t('scanStudyVideo')} onText={take} onStop={() => setScanning(false)} />}
      {!scanning && !link && (
        <p class="row">
          <button class="btn" type="button" onClick={() => setScanning(true)} data-testid="scan-start">{t('scanStart')}</button>
        </p>
      )}
      {note && (
        <p class="banner warn" role="alert" data-testid="scan-note">
          {t(note.key, note.params)}
          {note.detail && <span lang="en" class="small"> ({note.detail})</span>}
        </p>
      )}
      {parts && !link && (
        <section class="card stack" aria-labelledby="parts-h" data-testid="scan-progress" data-have={parts.count - missing.length} data-count={parts.count}>
          <h2 id="parts-h">{t('scanParts', { have: parts.count - missing.length, n: parts.count })}</h2>
          <p class="muted small">{parts.studyId} · {t('studyVersion')} {parts.studyVersion}</p>
          <ol class="parts-grid" aria-label={t('scanPartsList')}>
            {parts.chunks.map((c, i) => (
              <li key={i} class={c === undefined ? 'missing' : 'have'} data-part={i + 1}>
                <span aria-hidden="true">{i + 1}</span>
                <span class="sr-only">{t(c === undefined ? 'scanPartMissing' : 'scanPartHave', { i: i + 1 })}</span>
              </li>
            ))}
          </ol>
          <p data-testid="scan-missing">{t('scanMissing', { list: missing.join(', ') })}</p>
          <p class="row">
            <button class="btn small" type="button" onClick={restart}>{t('scanRestart')}</button>
          </p>
        </section>
      )}
      {link && opened && (
        <section class="card stack" aria-labelledby="scanned-h" data-testid="scan-done">
          <h2 id="scanned-h">{t('scanComplete')}</h2>
          {opened.ok ? (
            <>
              <p class="label" data-testid="scanned-title">{localize(opened.instrument.title, lang)} · {t('studyVersion')} {opened.instrument.studyVersion}</p>
              <div class="row">
                {fragment && <a class="btn primary" href={fragment} data-testid="scan-open">{t('scanOpen')}</a>}
                <button
                  class="btn"
                  type="button"
                  onClick={() =>
                    void app.acceptStudy(opened.instrument, 'link').then((a) =>
                      setAdded(a.ok ? { kind: a.added ? 'added' : 'there', fingerprint: a.signer?.fingerprint ?? '' } : { kind: 'refused', key: STUDY_REFUSED[a.reason], detail: a.message }),
                    )
                  }
                  data-testid="scan-add"
                >
                  {t('scanAddStudy')}
                </button>
                <button class="btn" type="button" onClick={restart}>{t('scanRestart')}</button>
              </div>
              <p class="muted small">{t('scanOpenHint')}</p>
              {added && added.kind !== 'refused' && (
                <p class="notice" role="status" data-testid="scan-added">
                  {t(added.kind === 'added' ? 'scanAdded' : 'scanAlreadyThere', { id: opened.instrument.id, version: opened.instrument.studyVersion })}{' '}
                  {t('linkSignedBy')} <code class="fingerprint">{added.fingerprint}</code>.{' '}
                  <a href={href({ name: 'sessions' })}>{t('backToSessions')}</a>
                </p>
              )}
              {added?.kind === 'refused' && (
                <p class="banner warn" role="alert" data-testid="scan-refused">
                  {t(added.key)} <span lang="en" class="small">({added.detail})</span>
                </p>
              )}
            </>
          ) : (
            <>
              <p role="alert" class="banner warn">{t('scanLinkBroken')}</p>
              <p lang="en" class="small">{opened.error.message}</p>
              <p class="row">
                <button class="btn" type="button" onClick={restart}>{t('scanRestart')}</button>
              </p>
            </>
          )}
        </section>
      )}
      <details>
        <summary>{t('scanPaste')}</summary>
        <label class="field">
          <span class="label small">{t('linkLabel')}</span>
          <textarea rows={3} value={pasted} spellcheck={false} onInput={(e) => setPasted((e.currentTarget as HTMLTextAreaElement).value)} data-testid="scan-paste" />
        </label>
        <p class="row">
          <button class="btn" type="button" disabled={!pasted.trim()} onClick={() => (setAdded(null), setScanning(false), setNote(null), setLink(pasted.trim()))} data-testid="scan-paste-open">{t('scanPasteRead')}</button>
        </p>
      </details>
    </div>
  );
}
