import { describe, expect, it } from 'vitest';
import { inlineMarkup } from '../../../src/core/instrument/markup';

describe("a label's emphasis, as ODK's Markdown writes it", () => {
  it('bold and italic become spans; the rest is text as written', () => {
    expect(inlineMarkup('My name is **[Your Name]**, and I am with *the team*.')).toEqual([
      { text: 'My name is ' },
      { text: '[Your Name]', bold: true },
      { text: ', and I am with ' },
      { text: 'the team', italic: true },
      { text: '.' },
    ]);
    expect(inlineMarkup('__Note:__ answer **all *five* items**')).toEqual([
      { text: 'Note:', bold: true },
      { text: ' answer ' },
      { text: 'all ', bold: true },
      { text: 'five', bold: true, italic: true },
      { text: ' items', bold: true },
    ]);
  });

  it('leaves names with underscores, lone stars, arithmetic and unclosed markers as written', () => {
    for (const s of ['q_1_a and q_2_b', '2 * 3 = 6', 'a ** b', '**not closed', '* list item', 'price*', '']) {
      expect(inlineMarkup(s).map((x) => x.text).join(''), s).toBe(s);
      expect(inlineMarkup(s).some((x) => x.bold || x.italic), s).toBe(false);
    }
  });
});
