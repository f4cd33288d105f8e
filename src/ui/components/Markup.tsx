import { inlineMarkup } from '../../core/instrument/markup';

/** A label or hint with its emphasis drawn (bold, italic), as text: never as HTML. */
export function Markup(p: { text: string }) {
  const spans = inlineMarkup(p.text);
  if (spans.length === 1 && !spans[0]!.bold && !spans[0]!.italic) return <>{p.text}</>;
  return (
    <>
      {spans.map((s, i) => (s.bold && s.italic ? <strong key={i}><em>{s.text}</em></strong> : s.bold ? <strong key={i}>{s.text}</strong> : s.italic ? <em key={i}>{s.text}</em> : s.text))}
    </>
  );
}
