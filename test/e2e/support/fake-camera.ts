/**
 * A camera that films a QR code: Chromium's fake capture device plays a video file
 * (`--use-file-for-fake-video-capture`), which the test writes here from the QR codes the app
 * draws. The SVG path of a code (runs of dark modules, "M x y h n v1 h -n z") is drawn into the
 * luma plane of YUV4MPEG2 (4:2:0) frames in Node; nothing comes from the network.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';

export const FRAME = { width: 640, height: 480 } as const;

/** A QR code as the app draws it: the path of its dark modules and the side of its square. */
export interface DrawnQr {
  svgPath: string;
  size: number;
}

/** The QR code the page shows at `selector` (an <svg viewBox="0 0 size size"> with one <path>). */
export async function drawnQr(page: Page, selector: string): Promise<DrawnQr> {
  return page.$eval(selector, (svg) => ({ svgPath: svg.querySelector('path')!.getAttribute('d')!, size: Number(svg.getAttribute('viewBox')!.split(' ')[2]) }));
}

/** Every QR code the page shows at `selector`, in document order. */
export async function drawnQrs(page: Page, selector: string): Promise<DrawnQr[]> {
  return page.$$eval(selector, (svgs) => svgs.map((svg) => ({ svgPath: svg.querySelector('path')!.getAttribute('d')!, size: Number(svg.getAttribute('viewBox')!.split(' ')[2]) })));
}

/** The luma plane of one frame: the code centred, as large as fits in whole pixels per module, on white. */
export function qrFrame(qr: DrawnQr, { width, height } = FRAME): Uint8Array {
  const WHITE = 235;
  const BLACK = 16;
  const y = new Uint8Array(width * height).fill(WHITE);
  const scale = Math.floor(Math.min(width, height) / qr.size);
  if (scale < 2) throw new Error(`a QR code of ${qr.size} modules does not fit ${width}x${height} at 2 pixels a module`);
  const left = Math.floor((width - qr.size * scale) / 2);
  const top = Math.floor((height - qr.size * scale) / 2);
  for (const [, mx, my, mw] of qr.svgPath.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let row = 0; row < scale; row++) {
      const start = (top + Number(my) * scale + row) * width + left + Number(mx) * scale;
      y.fill(BLACK, start, start + Number(mw) * scale);
    }
  }
  return y;
}

/** A YUV4MPEG2 file of these luma frames (grey: chroma at 128), each held for `hold` frames at `fps`. */
export function writeY4m(file: string, frames: Uint8Array[], { fps = 4, hold = 4, width = FRAME.width, height = FRAME.height } = {}): void {
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);
  const parts: Uint8Array[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  const mark = Buffer.from('FRAME\n');
  for (const f of frames) for (let i = 0; i < hold; i++) parts.push(mark, f, chroma);
  writeFileSync(file, Buffer.concat(parts));
}

/** A Chromium whose camera is the video `file`, and whose camera question is answered "allow". */
export function launchWithCamera(file: string): Promise<Browser> {
  return launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`]);
}
