/**
 * The transcription view's audio parts: the keyboard shortcuts transcribers expect, usable while
 * typing in a paragraph (Escape and Alt combinations, and oTranscribe's F-keys), and the clock that
 * follows the audio without re-drawing the transcript.
 */
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatTime } from '../../core/transcripts/text';

/** Playback rates, 0.5x to 2x. */
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

/**
 * Esc: play/pause; Alt+, or F1: back 5 s; Alt+[ or F3: slower; Alt+] or F4: faster; Alt+Enter: a new
 * paragraph at the current time. Keys are read by their place on the keyboard (`code`), so they work
 * the same with a Russian or Kazakh layout.
 */
export function useTranscriberKeys(audio: RefObject<HTMLAudioElement | null>, act: { newParagraph: () => void; setRate: (r: number) => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = audio.current;
      const step = (d: number) => {
        const i = SPEEDS.indexOf(a?.playbackRate ?? 1);
        act.setRate(SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (i < 0 ? 2 : i) + d))]!);
      };
      if (e.key === 'Escape' && !e.altKey && !e.ctrlKey && !e.metaKey) {
        if (a) void (a.paused ? a.play().catch(() => undefined) : a.pause());
      } else if ((e.altKey && e.code === 'Comma') || e.key === 'F1') {
        if (a) a.currentTime = Math.max(0, a.currentTime - 5);
      } else if ((e.altKey && e.code === 'BracketLeft') || e.key === 'F3') step(-1);
      else if ((e.altKey && e.code === 'BracketRight') || e.key === 'F4') step(1);
      else if (e.altKey && (e.key === 'Enter' || e.code === 'Enter' || e.code === 'NumpadEnter')) act.newParagraph();
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  });
}

export function AudioClock(p: { audio: RefObject<HTMLAudioElement | null>; url: string | null }) {
  const [now, setNow] = useState(0);
  const [total, setTotal] = useState(0);
  useEffect(() => {
    const a = p.audio.current;
    if (!a) return;
    const tick = () => {
      setNow(a.currentTime);
      if (Number.isFinite(a.duration)) setTotal(a.duration);
    };
    a.addEventListener('timeupdate', tick);
    a.addEventListener('seeked', tick);
    a.addEventListener('loadedmetadata', tick);
    tick();
    return () => {
      a.removeEventListener('timeupdate', tick);
      a.removeEventListener('seeked', tick);
      a.removeEventListener('loadedmetadata', tick);
    };
  }, [p.url]);
  return (
    <span class="audio-clock" data-testid="transcript-clock">
      {formatTime(now, true)} / {formatTime(total)}
    </span>
  );
}
