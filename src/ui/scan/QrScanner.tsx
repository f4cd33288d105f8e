import { useEffect, useRef, useState } from 'preact/hooks';
import type { CameraFailure, Decoder } from '../../adapters/camera/qr-camera';
import type { MessageKey } from '../../app/i18n';
import { useApp } from '../context';

const FAILURES: Record<CameraFailure, MessageKey> = {
  unavailable: 'cameraUnavailable',
  denied: 'cameraDenied',
  absent: 'cameraAbsent',
  busy: 'cameraBusy',
};

/**
 * The camera, reading QR codes: a live picture and a button to stop. Each text read goes to
 * `onText`; the parent says what it got. When the camera cannot be opened the screen says why and
 * `onFailure` lets the parent offer pasting instead. The camera's module (and its QR reader) is
 * loaded when this is first shown; the camera stops when this goes away.
 */
export function QrScanner(p: { label: string; onText(text: string): void; onStop(): void; onFailure?(failure: CameraFailure): void }) {
  const { t } = useApp();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<{ name: 'starting' } | { name: 'on'; decoder: Decoder } | { name: 'failed'; failure: CameraFailure; detail: string }>({ name: 'starting' });
  const onText = useRef(p.onText);
  onText.current = p.onText;

  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    void import('../../adapters/camera/qr-camera')
      .then(({ startQrCamera }) => startQrCamera(video.current!, (text) => live && onText.current(text)))
      .then(
        (r) => {
          if (!live) return r.ok && r.camera.stop();
          if (r.ok) {
            stop = r.camera.stop;
            setState({ name: 'on', decoder: r.camera.decoder });
          } else {
            setState({ name: 'failed', failure: r.failure, detail: r.detail });
            p.onFailure?.(r.failure);
          }
        },
        (e: unknown) => {
          if (!live) return;
          setState({ name: 'failed', failure: 'unavailable', detail: e instanceof Error ? e.message : String(e) });
          p.onFailure?.('unavailable');
        },
      );
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  return (
    <div class="scanner stack" data-testid="scanner" data-state={state.name} data-decoder={state.name === 'on' ? state.decoder : undefined}>
      {state.name === 'failed' ? (
        <div class="banner warn stack" role="alert" data-testid="camera-failed" data-failure={state.failure}>
          <p>{t(FAILURES[state.failure])}</p>
          <details>
            <summary>{t('details')}</summary>
            <p lang="en" class="small">{state.detail}</p>
          </details>
        </div>
      ) : (
        <>
          <video ref={video} class="scanner-video" aria-label={p.label} muted playsInline />
          <p class="muted small" role="status">{state.name === 'starting' ? t('cameraStarting') : t('cameraHint')}</p>
        </>
      )}
      <div class="row">
        <button class="btn" type="button" onClick={p.onStop} data-testid="scanner-stop">{state.name === 'failed' ? t('close') : t('cameraStop')}</button>
      </div>
    </div>
  );
}
