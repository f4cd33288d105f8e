/**
 * The device's camera as a QR code reader: the rear camera where there is one, each frame read by
 * the browser's own BarcodeDetector when it reads QR codes (Chrome on Android, ChromeOS and macOS,
 * Safari 17+), else by jsQR (pure JavaScript, about 46 KB gzipped), loaded only when the camera is
 * first opened. Every text read is handed on once; the same code held in view is not repeated.
 * Nothing is recorded or sent anywhere: frames are read in memory and dropped.
 */

/** Why the camera could not be opened, for the UI to say (and to offer pasting instead). */
export type CameraFailure =
  | 'unavailable' // no camera API: an old browser, or a page not served over https
  | 'denied' // the person or the browser's settings refused the camera
  | 'absent' // no camera on this device
  | 'busy'; // another app holds the camera

export type Decoder = 'native' | 'jsqr';

export interface QrCamera {
  /** Which reader reads the frames. */
  readonly decoder: Decoder;
  /** Stops the camera (its light goes off) and the reading. */
  stop(): void;
}

export type CameraStart = { ok: true; camera: QrCamera } | { ok: false; failure: CameraFailure; detail: string };

/** The part of the Barcode Detection API used here (not in TypeScript's DOM library yet). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** Reads the QR codes in the video's current frame. */
type FrameReader = (video: HTMLVideoElement) => Promise<string[]>;

/** Frames are read one after another with this pause between: about 8 a second at most. */
const PAUSE_MS = 120;
/** A frame is scaled down to at most this many pixels on its longer side before jsQR reads it. */
const MAX_SIDE = 1024;

async function nativeReader(): Promise<FrameReader | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video)).map((c) => c.rawValue);
  } catch {
    return null;
  }
}

async function jsqrReader(): Promise<FrameReader> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    const w = Math.round(video.videoWidth * scale);
    const h = Math.round(video.videoHeight * scale);
    if (!ctx || w === 0 || h === 0) return [];
    if (canvas.width !== w || canvas.height !== h) Object.assign(canvas, { width: w, height: h });
    ctx.drawImage(video, 0, 0, w, h);
    const code = jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' });
    return code && code.data ? [code.data] : [];
  };
}

async function pickReader(): Promise<{ read: FrameReader; decoder: Decoder }> {
  const native = await nativeReader();
  return native ? { read: native, decoder: 'native' } : { read: await jsqrReader(), decoder: 'jsqr' };
}

function failureOf(e: unknown): CameraFailure {
  const name = (e as { name?: unknown })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'absent'; // NotFoundError, OverconstrainedError, DevicesNotFoundError
}

/**
 * Opens the camera into `video` and calls `onText` with each QR code's text read from it. The
 * answer says why not when the camera cannot be opened; it never throws.
 */
export async function startQrCamera(video: HTMLVideoElement, onText: (text: string) => void): Promise<CameraStart> {
  const media = globalThis.navigator?.mediaDevices;
  if (!media?.getUserMedia) return { ok: false, failure: 'unavailable', detail: 'navigator.mediaDevices.getUserMedia is not available here' };
  // The reader loads while the person answers the camera question.
  const reader = pickReader();
  reader.catch(() => {}); // awaited below; not "unhandled" if the camera fails first
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia({ audio: false, video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } } });
  } catch (e) {
    return { ok: false, failure: failureOf(e), detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  let read: FrameReader;
  let decoder: Decoder;
  try {
    ({ read, decoder } = await reader);
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
  } catch (e) {
    stop();
    return { ok: false, failure: 'unavailable', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  let last = '';
  const tick = async () => {
    if (stopped) return;
    if (video.readyState >= 2) {
      try {
        for (const text of await read(video)) {
          if (stopped || text === last) continue;
          last = text;
          onText(text);
        }
      } catch {
        // A frame that cannot be read (the video resized, the page hidden): the next one is tried.
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), PAUSE_MS);
  };
  void tick();
  return { ok: true, camera: { decoder, stop } };
}
