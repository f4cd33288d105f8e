/**
 * Dala's mark, drawn inline: the same picture as public/icon.svg (the installed app's icon). For an
 * `<img>` of that file the browser builds a separate SVG document, and a Chromium trace showed it
 * doing so before the first frame, the one with the first question.
 */
export function Logo() {
  return (
    <svg viewBox="0 0 64 64" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="64" height="64" fill="#f6f3ea" />
      <circle cx="43" cy="23" r="7" fill="#e9b94a" />
      <path d="M0 40 Q16 34 32 40 T64 38 V64 H0Z" fill="#2f5d50" />
    </svg>
  );
}
