/**
 * A drawing pad over a canvas, with pointer events (a finger, a pen or a mouse): for signature,
 * draw and annotate image items. Strokes are kept as points, so the picture is redrawn at any size.
 */

export interface DrawPad {
  /** Whether anything was drawn. */
  isEmpty(): boolean;
  clear(): void;
  /** The drawing as a PNG. */
  toBlob(): Promise<Blob>;
  /** Removes the listeners. */
  detach(): void;
}

export function attachDrawPad(canvas: HTMLCanvasElement, opts: { onChange?: (empty: boolean) => void; background?: Blob | null } = {}): DrawPad {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw');
  const strokes: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] | null = null;
  let background: ImageBitmap | null = null;

  const redraw = () => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (background) ctx.drawImage(background, 0, 0, canvas.width, canvas.height);
    ctx.strokeStyle = '#111';
    ctx.lineWidth = Math.max(2, canvas.width / 250);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const s of strokes) {
      ctx.beginPath();
      s.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
      if (s.length === 1) ctx.lineTo(s[0]!.x + 0.1, s[0]!.y);
      ctx.stroke();
    }
  };
  if (opts.background) {
    void createImageBitmap(opts.background).then((b) => {
      background = b;
      redraw();
    });
  }
  const point = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * canvas.width, y: ((e.clientY - r.top) / r.height) * canvas.height };
  };
  const down = (e: PointerEvent) => {
    e.preventDefault();
    canvas.setPointerCapture?.(e.pointerId);
    current = [point(e)];
    strokes.push(current);
    redraw();
  };
  const move = (e: PointerEvent) => {
    if (!current) return;
    e.preventDefault();
    current.push(point(e));
    redraw();
  };
  const up = () => {
    if (!current) return;
    current = null;
    opts.onChange?.(strokes.length === 0);
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.style.touchAction = 'none';
  redraw();
  return {
    isEmpty: () => strokes.length === 0,
    clear() {
      strokes.length = 0;
      redraw();
      opts.onChange?.(true);
    },
    toBlob: () =>
      new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the drawing could not be saved'))), 'image/png')),
    detach() {
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
      background?.close();
    },
  };
}
