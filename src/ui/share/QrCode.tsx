import { studyQr } from '../../core/link/index';
import { useApp } from '../context';

/**
 * A study link as a QR code, drawn as one SVG path (no innerHTML), or, when the link is too long for
 * any QR code, a plain sentence saying so: the link itself (and the study file) still work.
 */
export function QrCode(p: { link: string; tooLarge: string }) {
  const { t } = useApp();
  const qr = studyQr(p.link);
  if (!qr.ok) return <p class="notice" data-testid="qr-too-large">{p.tooLarge}</p>;
  return (
    <svg class="qr" viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={t('qrLabel')} shape-rendering="crispEdges" data-testid="qr">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.svgPath} fill="#000" />
    </svg>
  );
}
