import { inlineMarkup } from '../../core/instrument/markup';

/**
 * A label or hint with its emphasis drawn (bold, italic), as text: never as HTML. `fill` fills the
 * `${name}`s of each run of text (core/responses/label-values.ts) after the emphasis is read, so an
 * answer's own `*` or `_` stay as typed.
 */
export function Markup(p: { text: string; fill?: ((text: string) => string) | undefined }) {
  const spans = inlineMarkup(p.text);
  const f = p.fill ?? ((text: string) => text);
  if (spans.length === 1 && !spans[0]!.bold && !spans[0]!.italic) return <>{f(p.text)}</>;
  return (
    <>
      {spans.map((s, i) => {
        const text = f(s.text);
        return s.bold && s.italic ? <strong key={i}><em>{text}</em></strong> : s.bold ? <strong key={i}>{text}</strong> : s.italic ? <em key={i}>{text}</em> : text;
      })}
    </>
  );
}
