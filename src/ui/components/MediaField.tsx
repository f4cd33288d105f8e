/**
 * The input of a media question (image, audio, video, file, background-audio; instrument format
 * version 3): take or choose a photo, choose a file, draw on a pad, record with a visible indicator,
 * pause and resume; what was stored is shown or played back. Loaded only by forms that have one.
 *
 * The bytes are durable (app/media.ts) before `onChange` hands the answer to the saver, whose
 * "saved" mark then says the answer is durable too.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { acceptOf, capturesOnly, formatBytes, imageMode, isMediaType } from '../../core/media/kinds';
import type { MediaRef } from '../../core/media/ref';
import { useApp } from '../context';
import type { ItemFieldProps } from './ItemField';
import type { Recording } from '../../app/media';

export type MediaFieldProps = ItemFieldProps & { id: string; sessionId: string };

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function MediaField(p: MediaFieldProps) {
  const { app } = useApp();
  const { item, t } = p;
  const ref = p.answer?.media;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const disabled = p.disabled || !!item.readOnly || busy;
  if (!isMediaType(item.type)) return null;
  const where = { instrument: p.instrument, item, sessionId: p.sessionId };

  const keep = (media: MediaRef) => p.onChange({ value: media.name, media }, false);
  const refuse = (e: unknown) => setError(t('mediaRefused', { detail: (e as Error).message || String(e) }));

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setError('');
    setBusy(true);
    try {
      const media = await app.media();
      const scale = (b: Blob, max: number) => import('../../adapters/media/image').then((m) => m.downscaleImage(b, max));
      keep(await media.saveFile(where, file, scale));
    } catch (err) {
      refuse(err);
    } finally {
      setBusy(false);
    }
  };

  const mode = item.type === 'image' ? imageMode(item) : null;
  // background-audio is the whole interview's recording: recorded by the runner's interview recorder, not here.
  const background = item.type === 'background-audio';
  const recordable = item.type === 'audio' || item.type === 'video';
  const showPicker = !background && !(mode && mode !== 'picture') && !(recordable && capturesOnly(item));
  return (
    <div class="media-field" data-testid={`media-${item.name}`}>
      {ref && <Stored media={ref} t={t} />}
      {mode && mode !== 'picture' && !disabled && (
        <DrawPadField {...p} onSaved={keep} onError={refuse} background={null} />
      )}
      {background && <p class="muted small" data-testid={`by-recorder-${item.name}`}>{t('recByRecorder')}</p>}
      {recordable && !disabled && <Recorder {...p} kind={item.type === 'video' ? 'video' : 'audio'} where={where} onSaved={keep} onError={refuse} />}
      {showPicker && (
        <label class="btn file-btn">
          {item.type === 'image' ? t(capturesOnly(item) ? 'mediaTakePhotoOnly' : 'mediaTakePhoto') : t('mediaChooseFile')}
          <input
            id={p.id}
            type="file"
            class="sr-only"
            accept={acceptOf(item.type) || undefined}
            {...(capturesOnly(item) ? { capture: 'environment' } : {})}
            disabled={disabled}
            onChange={(e) => void onFile(e)}
            data-testid={`input-${item.name}`}
          />
        </label>
      )}
      {busy && <p class="muted small" role="status">{t('mediaSaving')}</p>}
      {error && <p class="issue" role="alert" data-testid={`media-error-${item.name}`}>{error}</p>}
    </div>
  );
}

export type StoredMediaProps = { media: MediaRef; t: MediaFieldProps['t'] };

/** A media answer as stored, for the review of a session (the same view as in its question). */
export function StoredMedia(p: StoredMediaProps) {
  return <Stored {...p} />;
}

/** What is stored: the picture, the player, or the file's name and size (an object URL of the blob store's bytes, revoked when it goes). */
function Stored(p: { media: MediaRef; t: MediaFieldProps['t'] }) {
  const { app } = useApp();
  const [url, setUrl] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let u: string | null = null;
    let live = true;
    void app
      .media()
      .then((m) => m.blob(p.media.id))
      .then((b) => {
        if (!live) return;
        if (!b) return setMissing(true);
        u = URL.createObjectURL(b);
        setUrl(u);
      });
    return () => {
      live = false;
      if (u) URL.revokeObjectURL(u);
    };
  }, [p.media.id]);
  const main = p.media.type.split('/')[0];
  return (
    <div class="media-stored" data-testid="media-stored" data-name={p.media.name}>
      {url && main === 'image' && <img src={url} alt={p.media.name} class="media-preview" data-testid="media-image" />}
      {url && main === 'audio' && <audio src={url} controls preload="metadata" data-testid="media-audio" />}
      {url && main === 'video' && <video src={url} controls preload="metadata" class="media-preview" data-testid="media-video" />}
      <p class="muted small">
        {url && !['image', 'audio', 'video'].includes(main ?? '') ? <a href={url} download={p.media.name}>{p.media.name}</a> : p.media.name}
        {' · '}
        {formatBytes(p.media.size)}
      </p>
      {p.media.partial && <p class="banner warn" data-testid="media-partial">{p.t('mediaPartial')}</p>}
      {missing && <p class="banner warn">{p.t('mediaMissing')}</p>}
    </div>
  );
}

/** Record, pause, resume, stop: the chunked recorder with a visible indicator. */
function Recorder(p: MediaFieldProps & { kind: 'audio' | 'video'; where: { instrument: MediaFieldProps['instrument']; item: MediaFieldProps['item']; sessionId: string }; onSaved(m: MediaRef): void; onError(e: unknown): void }) {
  const { app } = useApp();
  const { t } = p;
  const rec = useRef<Recording | null>(null);
  const [state, setState] = useState<'idle' | 'recording' | 'paused' | 'saving'>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (state !== 'recording' && state !== 'paused') return;
    const timer = setInterval(() => setElapsed(rec.current?.recorder.elapsedMs() ?? 0), 250);
    return () => clearInterval(timer);
  }, [state]);
  // Leaving the question (or the app) while recording: stop and keep what was recorded.
  useEffect(() => () => void rec.current?.finish().then(p.onSaved, () => {}), []);

  const start = async () => {
    setNote('');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(p.kind === 'video' ? { audio: true, video: true } : { audio: true });
    } catch (e) {
      return p.onError(new Error(t('mediaNoDevice', { detail: (e as Error).message })));
    }
    try {
      const media = await app.media();
      rec.current = await media.startRecording(p.where, stream, {
        kind: p.kind,
        now: () => performance.now(),
        onError: (e) => p.onError(e),
        onState: (s) => {
          if (s === 'interrupted') {
            setNote(t('mediaInterrupted'));
            void stop();
          }
        },
      });
      setElapsed(0);
      setState('recording');
    } catch (e) {
      for (const tr of stream.getTracks()) tr.stop();
      p.onError(e);
    }
  };
  const stop = async () => {
    const r = rec.current;
    if (!r) return;
    rec.current = null;
    setState('saving');
    try {
      p.onSaved(await r.finish());
    } catch (e) {
      p.onError(e);
    } finally {
      setState('idle');
    }
  };
  return (
    <div class="recorder" data-testid={`recorder-${p.item.name}`}>
      {state === 'idle' && (
        <button type="button" class="btn" onClick={() => void start()} data-testid={`record-${p.item.name}`}>
          ● {t('mediaRecord')}
        </button>
      )}
      {(state === 'recording' || state === 'paused') && (
        <>
          <p class={`rec-indicator ${state}`} role="status" aria-live="polite" data-testid="rec-indicator" data-state={state}>
            {state === 'recording' ? <span class="rec-dot" aria-hidden="true">● </span> : null}
            {t(state === 'recording' ? 'mediaRecording' : 'mediaPausedAt', { time: clock(elapsed) })}
          </p>
          {state === 'recording' ? (
            <button type="button" class="btn" onClick={() => { rec.current?.recorder.pause(); setState('paused'); }} data-testid="rec-pause">{t('mediaPause')}</button>
          ) : (
            <button type="button" class="btn" onClick={() => { rec.current?.recorder.resume(); setState('recording'); }} data-testid="rec-resume">{t('mediaResume')}</button>
          )}
          <button type="button" class="btn primary" onClick={() => void stop()} data-testid="rec-stop">{t('mediaStop')}</button>
        </>
      )}
      {state === 'saving' && <p class="muted small" role="status">{t('mediaSaving')}</p>}
      {note && <p class="banner warn">{note}</p>}
    </div>
  );
}

/** A signature, drawing or annotation pad. */
function DrawPadField(p: MediaFieldProps & { onSaved(m: MediaRef): void; onError(e: unknown): void; background: Blob | null }) {
  const { app } = useApp();
  const { t } = p;
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<import('../../adapters/media/draw-pad').DrawPad | null>(null);
  const [empty, setEmpty] = useState(true);
  const [saving, setSaving] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void import('../../adapters/media/draw-pad').then((m) => {
      if (!live || !canvas.current) return;
      pad.current = m.attachDrawPad(canvas.current, { onChange: setEmpty, background: p.background });
      setReady(true);
    });
    return () => {
      live = false;
      pad.current?.detach();
    };
  }, []);
  const save = async () => {
    if (!pad.current || pad.current.isEmpty()) return;
    setSaving(true);
    try {
      const blob = await pad.current.toBlob();
      const file = Object.assign(blob, { name: `${p.item.name}.png` });
      const media = await app.media();
      p.onSaved(await media.saveFile({ instrument: p.instrument, item: p.item, sessionId: p.sessionId }, file));
      pad.current.clear();
    } catch (e) {
      p.onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div class="draw-pad">
      <canvas ref={canvas} width={600} height={240} class="pad" aria-label={t('mediaDrawHere')} data-testid={`pad-${p.item.name}`} data-ready={ready ? 'true' : undefined} />
      <div class="row">
        <button type="button" class="btn" disabled={empty || saving} onClick={() => pad.current?.clear()}>{t('mediaClear')}</button>
        <button type="button" class="btn primary" disabled={empty || saving} onClick={() => void save()} data-testid={`pad-save-${p.item.name}`}>{t('mediaSaveDrawing')}</button>
      </div>
    </div>
  );
}
