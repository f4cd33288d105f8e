/**
 * The picture, recording or video a label shows (instrument format version 3, label media): drawn
 * from the study's own attachment (its bytes, as an object URL revoked when it is gone). Nothing is
 * ever fetched: a name that is not an attachment shows nothing, and the text label stays.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Instrument, LabelMedia as Media, LabelMediaKind } from '../../core/instrument/types';
import { localize } from '../../core/instrument/types';

export interface LabelMediaProps {
  instrument: Instrument;
  media: Media | undefined;
  lang: string;
  /** The label's text: the picture's alt text. */
  alt: string;
  testid?: string;
}

function useObjectUrl(instrument: Instrument, name: string): string | undefined {
  const attachment = useMemo(() => (name ? instrument.attachments?.find((a) => a.name === name && !a.mediaType.startsWith('text/') && a.mediaType !== 'application/xml') : undefined), [instrument, name]);
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!attachment) return setUrl(undefined);
    let bytes: Uint8Array;
    try {
      bytes = Uint8Array.from(atob(attachment.content), (c) => c.charCodeAt(0));
    } catch {
      return setUrl(undefined);
    }
    const made = URL.createObjectURL(new Blob([bytes as BlobPart], { type: attachment.mediaType }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [attachment]);
  return url;
}

function fileOf(media: Media | undefined, kind: LabelMediaKind, lang: string): string {
  return localize(media?.[kind], lang);
}

export function LabelMedia(p: LabelMediaProps) {
  const image = fileOf(p.media, 'image', p.lang) || fileOf(p.media, 'big-image', p.lang);
  const big = fileOf(p.media, 'big-image', p.lang);
  const imageUrl = useObjectUrl(p.instrument, image);
  const bigUrl = useObjectUrl(p.instrument, big && big !== image ? big : '');
  const audioUrl = useObjectUrl(p.instrument, fileOf(p.media, 'audio', p.lang));
  const videoUrl = useObjectUrl(p.instrument, fileOf(p.media, 'video', p.lang));
  if (!imageUrl && !audioUrl && !videoUrl) return null;
  const img = imageUrl && <img class="label-image" src={imageUrl} alt={p.alt} data-testid={p.testid} />;
  return (
    <span class="label-media">
      {img && (bigUrl ? <a href={bigUrl} target="_blank" rel="noopener">{img}</a> : img)}
      {audioUrl && <audio class="label-audio" controls preload="metadata" src={audioUrl} />}
      {videoUrl && <video class="label-video" controls preload="metadata" playsInline src={videoUrl} />}
    </span>
  );
}
