/**
 * The transcription view's state (./Transcribe.tsx): the transcript's paragraphs and markers, saved
 * as the researcher types (at most 300 ms later, and at once on blur and when the page is hidden):
 * "saved" shows only once the store's write resolved (durable). Writes run one after the other.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TranscriptOpen, TranscriptService } from '../../app/transcripts';
import { currentRevision } from '../../core/coding/merge';
import type { Paragraph, QuestionMarker } from '../../core/transcripts/types';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export function useTranscript(service: TranscriptService | null, opened: TranscriptOpen | null, onSaved: () => void) {
  const current = opened?.entry && opened.entry.revisions.length === 1 ? currentRevision(opened.entry.revisions) : undefined;
  const [paragraphs, setParagraphs] = useState<Paragraph[]>([]);
  const [markers, setMarkers] = useState<QuestionMarker[]>([]);
  const [state, setState] = useState<SaveState>('idle');
  const id = useRef<string | undefined>(undefined);
  const latest = useRef<Paragraph[]>([]);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    id.current = opened?.entry?.id;
    const ps = current?.paragraphs ?? [];
    latest.current = ps;
    setParagraphs(ps);
    setMarkers(current?.markers ?? []);
  }, [opened]);

  const flush = (): Promise<unknown> => {
    clearTimeout(timer.current);
    if (!dirty.current || !service || !opened) return chain.current;
    dirty.current = false;
    setState('saving');
    const write = async () => {
      try {
        const saved = await service.save({ id: id.current, studyId: opened.response.studyId, responseId: opened.response.id, paragraphs: latest.current, markers });
        id.current = saved.id;
        if (!dirty.current) setState('saved');
        onSaved();
      } catch {
        dirty.current = true; // kept on screen; tried again with the next change or flush
        setState('failed');
      }
    };
    chain.current = chain.current.then(write);
    return chain.current;
  };

  const change = (next: Paragraph[]) => {
    latest.current = next;
    setParagraphs(next);
    dirty.current = true;
    setState('saving');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 300);
  };

  useEffect(() => {
    const hide = () => void flush();
    const vis = () => document.visibilityState === 'hidden' && void flush();
    addEventListener('pagehide', hide);
    document.addEventListener('visibilitychange', vis);
    return () => {
      removeEventListener('pagehide', hide);
      document.removeEventListener('visibilitychange', vis);
      void flush();
    };
  }, [service, opened, markers]);

  return { paragraphs, markers, state, change, flush };
}
