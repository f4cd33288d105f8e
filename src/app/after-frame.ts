/**
 * Runs `fn` in a task after the next frame has been drawn (the frame's animation callback, then a
 * task: the drawing happens between them). For what can wait until the first question is on screen.
 * Returns what cancels it, for an effect's cleanup.
 */
export function afterNextFrame(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(fn, 0)));
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
