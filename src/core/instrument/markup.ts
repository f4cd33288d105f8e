/**
 * The emphasis XLSForm labels and hints may carry (ODK's Markdown subset): `**bold**` or `__bold__`,
 * and `*italic*`. A run of text becomes spans to draw as text nodes (never as HTML). A single `_` is
 * left as written: names such as `q_1_a` are common in labels, and ODK reads `_x_` only at word edges.
 * Unclosed markers stay as written.
 */
export interface Span {
  text: string;
  bold?: true;
  italic?: true;
}

const TOKEN = /\*\*(?=\S)([\s\S]*?\S)\*\*|__(?=\S)([\s\S]*?\S)__|\*(?=[^\s*])([^*]*?[^\s*])\*/g;

export function inlineMarkup(text: string): Span[] {
  const out: Span[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    const bold = m[1] ?? m[2];
    if (bold !== undefined) {
      // Italic inside bold (**a *b* c**): kept one level deep.
      for (const s of inlineMarkup(bold)) out.push({ ...s, bold: true });
    } else out.push({ text: m[3]!, italic: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
