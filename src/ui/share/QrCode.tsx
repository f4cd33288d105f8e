import { qrCode, studyQr } from '../../core/link/index';
import { useApp } from '../context';

/**
 * A study link as a QR code, drawn as one SVG path (no innerHTML), or, when the link is too long for
 * any QR code, a plain sentence saying so: the link itself (and the study file) still work.
 */
export function QrCode(p: { link: string; tooLarge: string }) {
  const { t } = useApp();
  const qr = studyQr(p.link);
  if (!qr.ok) return <p class="notice" data-testid="qr-too-large">{p.tooLarge}</p>;
  return <QrSvg qr={qr} label={t('qrLabel')} testid="qr" />;
}

/** Any short text as a QR code (a researcher's key, a part of a link), at error correction `ecc`. */
export function TextQr(p: { text: string; label: string; testid: string; ecc?: 'L' | 'M'; class?: string }) {
  const qr = qrCode(p.text, p.ecc ?? 'L');
  if (!qr.ok) return null;
  return <QrSvg qr={qr} label={p.label} testid={p.testid} class={p.class} />;
}

function QrSvg(p: { qr: { svgPath: string; size: number }; label: string; testid: string; class?: string | undefined }) {
  const { qr } = p;
  return (
    <svg class={`qr ${p.class ?? ''}`} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={p.label} shape-rendering="crispEdges" data-testid={p.testid}>
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.svgPath} fill="#000" />
    </svg>
  );
}
