/**
 * The transcription view (docs/transcripts.md): the interview's audio with keyboard control as
 * transcribers expect, and the transcript beside it: each paragraph with its time stamp (which
 * jumps the audio there), grouped by question when the recording has markers. Paragraphs are saved
 * as they are typed (./useTranscript.ts). The logic lives in src/app/transcripts.ts and
 * src/core/transcripts/.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TranscriptOpen, TranscriptService } from '../../app/transcripts';
import { allItems, localize } from '../../core/instrument/types';
import { formatTime, groupByQuestion, insertParagraph } from '../../core/transcripts/text';
import type { TranscriptRecord } from '../../core/transcripts/types';
import { href } from '../route';
import { useApp } from '../context';
import { ConflictPicker } from './ConflictPicker';
import { useTranscript } from './useTranscript';
import { AudioClock, SPEEDS, useTranscriberKeys } from './TranscribeAudio';

export function Transcribe(p: { studyId: string; studyVersion: string; responseId: string }) {
  const { app, t } = useApp();
  const [service, setService] = useState<TranscriptService | null>(null);
  const [opened, setOpened] = useState<TranscriptOpen | null | undefined>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [speed, setSpeed] = useState(1);
  const audio = useRef<HTMLAudioElement>(null);
  const focusNext = useRef<number | null>(null);

  const load = async (s: TranscriptService) => setOpened((await s.open(p.studyId, p.studyVersion, p.responseId)) ?? undefined);
  useEffect(() => {
    void (async () => {
      const s = await app.transcripts();
      setService(s);
      await load(s);
    })();
  }, [p.studyId, p.studyVersion, p.responseId]);
  useEffect(() => {
    if (!service || !opened) return;
    let made: string | null = null;
    void service.audioFor(opened.response).then((blob) => {
      if (blob) setUrl((made = URL.createObjectURL(blob)));
    });
    return () => made && URL.revokeObjectURL(made);
  }, [service, opened?.response.id]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const tr = useTranscript(service, opened ?? null, () => undefined);
  const newParagraph = () => {
    const { paragraphs, index } = insertParagraph(tr.paragraphs, audio.current?.currentTime ?? 0);
    focusNext.current = index;
    tr.change(paragraphs);
  };
  const setRate = (r: number) => {
    if (audio.current) audio.current.playbackRate = r;
    setSpeed(r);
  };
  useTranscriberKeys(audio, { newParagraph, setRate });
  useEffect(() => {
    if (focusNext.current === null) return;
    document.querySelector<HTMLTextAreaElement>(`[data-paragraph="${focusNext.current}"] textarea`)?.focus();
    focusNext.current = null;
  });

  if (opened === null || !service) return <p>{t('resLoading')}</p>;
  if (opened === undefined) return <p role="alert">{t('transcriptNoResponse')}</p>;
  const ins = opened.instrument;
  const lang = ins.languages[0] ?? 'en';
  const items = new Map(allItems(ins).map(({ item }) => [item.name, item]));
  const seek = (at: number) => {
    if (audio.current) audio.current.currentTime = at;
  };
  const entry = opened.entry;

  if (entry && entry.revisions.length > 1) {
    return (
      <section class="transcribe" data-testid="transcribe">
        <h1>{t('transcriptOf', { code: opened.response.respondentCode })}</h1>
        <ConflictPicker<TranscriptRecord>
          title={t('transcriptConflict')}
          revisions={entry.revisions}
          describe={(r) => (
            <ol class="conflict-paragraphs">
              {r.paragraphs.map((x, i) => (
                <li key={i}>
                  <span class="muted">{formatTime(x.at)}</span> {x.text}
                </li>
              ))}
            </ol>
          )}
          onKeep={async (r) => (await service.keep(r), load(service))}
        />
      </section>
    );
  }

  const groups = groupByQuestion({ paragraphs: tr.paragraphs, markers: tr.markers });
  return (
    <section class="transcribe" data-testid="transcribe">
      <p>
        <a href={href({ name: 'coding', studyId: p.studyId, studyVersion: p.studyVersion })} data-testid="back-to-coding">
          {t('transcriptBack')}
        </a>
      </p>
      <h1>{t('transcriptOf', { code: opened.response.respondentCode })}</h1>
      <div class="transcribe-audio">
        <label class="field">
          <span class="label">{url ? t('transcriptOtherAudio') : t('transcriptOpenAudio')}</span>
          <input
            type="file"
            accept="audio/*,.wav,.mp3,.m4a,.ogg,.opus,.webm,.flac"
            onChange={(e) => {
              const file = (e.currentTarget as HTMLInputElement).files?.[0];
              if (!file) return;
              app.openAudioFile(opened.response.id, file);
              setUrl(URL.createObjectURL(file));
            }}
            data-testid="transcript-audio-file"
          />
        </label>
        {url && <audio ref={audio} src={url} controls preload="metadata" onRateChange={(e) => setSpeed((e.currentTarget as HTMLAudioElement).playbackRate)} data-testid="transcript-audio" />}
        <div class="row" role="group" aria-label={t('transcriptControls')}>
          <button type="button" class="btn small" onClick={() => (audio.current?.paused ? void audio.current.play() : audio.current?.pause())} disabled={!url}>
            {t('transcriptPlayPause')}
          </button>
          <button type="button" class="btn small" onClick={() => audio.current && seek(Math.max(0, audio.current.currentTime - 5))} disabled={!url}>
            {t('transcriptBack5')}
          </button>
          <button type="button" class="btn small" onClick={() => setRate(SPEEDS[Math.max(0, SPEEDS.indexOf(speed) - 1)] ?? 1)} disabled={!url}>
            {t('transcriptSlower')}
          </button>
          <span data-testid="transcript-speed">{t('transcriptSpeed', { x: String(speed) })}</span>
          <button type="button" class="btn small" onClick={() => setRate(SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(speed) + 1)] ?? 1)} disabled={!url}>
            {t('transcriptFaster')}
          </button>
          <AudioClock audio={audio} url={url} />
          <button type="button" class="btn small primary" onClick={newParagraph} data-testid="transcript-new-paragraph">
            {t('transcriptNewParagraph')}
          </button>
        </div>
        <h2 class="small">{t('transcriptShortcuts')}</h2>
        <dl class="shortcuts" data-testid="transcript-shortcuts">
          <dt><kbd>Esc</kbd></dt>
          <dd>{t('transcriptPlayPause')}</dd>
          <dt><kbd>Alt</kbd>+<kbd>,</kbd> / <kbd>F1</kbd></dt>
          <dd>{t('transcriptBack5')}</dd>
          <dt><kbd>Alt</kbd>+<kbd>[</kbd> / <kbd>F3</kbd></dt>
          <dd>{t('transcriptSlower')}</dd>
          <dt><kbd>Alt</kbd>+<kbd>]</kbd> / <kbd>F4</kbd></dt>
          <dd>{t('transcriptFaster')}</dd>
          <dt><kbd>Alt</kbd>+<kbd>Enter</kbd></dt>
          <dd>{t('transcriptNewParagraph')}</dd>
        </dl>
      </div>
      <p class="save-state" role="status" data-testid="transcript-save-state">
        {tr.state === 'saving' ? t('transcriptSaving') : tr.state === 'saved' ? t('transcriptSaved') : tr.state === 'failed' ? t('transcriptNotSaved') : ''}
      </p>
      {tr.paragraphs.length === 0 && <p class="muted">{t('transcriptEmpty')}</p>}
      {groups.map((g) => {
        const item = g.item ? items.get(g.item) : undefined;
        return (
          <section key={`${g.item ?? ''}:${g.at}`} class="transcript-group" data-item={g.item ?? ''}>
            {g.item && (
              <h2 class="small">
                <button type="button" class="link" onClick={() => seek(g.at)} title={t('transcriptJump')}>
                  {formatTime(g.at)}
                </button>{' '}
                {item ? localize(item.label, lang) : g.item}
              </h2>
            )}
            {g.paragraphs.map((i) => {
              const x = tr.paragraphs[i]!;
              return (
                <div key={i} class="transcript-paragraph" data-paragraph={i} data-testid="transcript-paragraph">
                  <button type="button" class="link small tr-time" onClick={() => seek(x.at)} title={t('transcriptJump')} data-testid="transcript-time">
                    {formatTime(x.at, true)}
                  </button>
                  <textarea
                    value={x.text}
                    rows={Math.min(12, Math.max(2, Math.ceil(x.text.length / 90)))}
                    aria-label={t('transcriptParagraphAt', { time: formatTime(x.at) })}
                    onInput={(e) => tr.change(tr.paragraphs.map((y, j) => (j === i ? { ...y, text: (e.currentTarget as HTMLTextAreaElement).value } : y)))}
                    onBlur={() => void tr.flush()}
                  />
                  {x.text === '' && (
                    <button type="button" class="link small" onClick={() => tr.change(tr.paragraphs.filter((_, j) => j !== i))}>
                      {t('transcriptRemoveEmpty')}
                    </button>
                  )}
                </div>
              );
            })}
          </section>
        );
      })}
    </section>
  );
}
