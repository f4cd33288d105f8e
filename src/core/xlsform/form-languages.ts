/**
 * The languages of a form: which is the default, which others its columns use, what they are called,
 * and which labels are missing in one of them.
 */
import { LANGUAGE_PATTERN, RESERVED_NAMES } from '../instrument/schema';
import { nativeName } from './languages';
import { type Problems, rowList } from './problems';
import type { Settings } from './settings';
import { type Table, TRANSLATABLE, cellText } from './table';

export interface Languages {
  default: string;
  languages: string[];
  names: Record<string, string>;
}

/**
 * The default language is settings' default_language, else English when a column has no language
 * or an English one, else the language of the first per-language column. Every language a column
 * uses follows it, in the order the columns appear.
 */
export function decideLanguages(tables: Table[], settings: Settings, problems: Problems): Languages {
  const textColumns = tables.flatMap((t) => t.columns.filter((c) => TRANSLATABLE.has(c.key)).map((c) => ({ table: t, column: c })));
  const untagged = textColumns.some(({ column }) => !column.language);
  const tagged: string[] = [];
  const names: Record<string, string> = {};
  for (const { column } of textColumns) {
    const lang = column.language;
    if (!lang) continue;
    if (!tagged.includes(lang.code)) tagged.push(lang.code);
    if (lang.name && names[lang.code] === undefined) names[lang.code] = lang.name;
  }
  let def: string;
  const fromSettings = settings.defaultLanguage;
  if (fromSettings) {
    def = fromSettings.code;
    if (!untagged && tagged.length && !tagged.includes(def)) {
      problems.warn(
        fromSettings.where,
        `default_language '${fromSettings.code}' has no text columns: '${tagged[0]}' is the default language`,
      );
      def = tagged[0]!;
    } else if (fromSettings.name && names[def] === undefined) names[def] = fromSettings.name;
  } else if (untagged || tagged.includes('en') || !tagged.length) def = 'en';
  else def = tagged[0]!;
  if (names[def] === undefined && nativeName(def)) names[def] = nativeName(def)!;
  const languages = [def, ...tagged.filter((c) => c !== def)];

  // A language written by a name Dala does not know ("Language1", "عربى", "Some_other_language") has
  // no code: pyxform takes it as written, so Dala gives it a private one (und-x-lang1, ...) and keeps
  // the name to show.
  let generated = 0;
  const taken = new Set(languages);
  for (const [i, code] of languages.entries()) {
    if (LANGUAGE_PATTERN.test(code) && code.length <= 35 && !RESERVED_NAMES.has(code)) continue;
    const at = textColumns.find(({ column }) => (column.language?.code ?? def) === code);
    const where = at ? { sheet: at.table.sheet.name, row: at.table.headerRow, column: at.column.header } : fromSettings?.where ?? {};
    if (RESERVED_NAMES.has(code)) {
      problems.error(where, `'${code}' is not a language code: write the column as label::Name (code), e.g. label::Русский (ru)`);
      continue;
    }
    let fresh: string;
    do fresh = `und-x-lang${++generated}`;
    while (taken.has(fresh));
    taken.add(fresh);
    languages[i] = fresh;
    for (const { column } of textColumns) if (column.language?.code === code) column.language = { code: fresh, name: column.language.name ?? code };
    if (def === code) def = fresh;
    names[fresh] = names[code] ?? code;
    delete names[code];
    problems.warn(where, `language '${code}' has no code: its texts are kept as language '${fresh}' (write the column as label::${code} (xx), with its code, to give one)`);
  }
  for (const code of Object.keys(names)) if (!languages.includes(code)) delete names[code];

  // A column without a language and one in the default language give the same texts.
  for (const t of tables) {
    for (const key of ['label', 'hint', 'constraint_message', 'required_message', 'form_title']) {
      const plain = t.columns.find((c) => c.key === key && !c.language);
      const explicit = t.columns.find((c) => c.key === key && c.language?.code === def);
      if (!plain || !explicit) continue;
      const clash = t.rows.find((r) => cellText(r, plain) && cellText(r, explicit) && cellText(r, plain) !== cellText(r, explicit));
      if (clash) {
        problems.warn(
          { sheet: t.sheet.name, row: clash.row, column: plain.header },
          `columns '${plain.header}' and '${explicit.header}' both give '${def}' texts: '${explicit.header}' is used where both are filled`,
        );
      }
    }
  }
  return { default: def, languages, names };
}

/** One warning per sheet and language: rows with a label, but not in that language. */
export function warnMissingTranslations(table: Table, languages: string[], def: string, problems: Problems): void {
  if (languages.length < 2) return;
  const labels = table.columns.filter((c) => c.key === 'label');
  for (const lang of languages) {
    const cols = labels.filter((c) => (c.language?.code ?? def) === lang);
    const header = cols[0]?.header ?? `label::${lang}`;
    const rows = table.rows
      .filter((r) => labels.some((c) => cellText(r, c)) && !cols.some((c) => cellText(r, c)))
      .map((r) => r.row);
    if (rows.length) {
      problems.warn(
        { sheet: table.sheet.name, row: rows[0]!, column: header },
        `no '${lang}' label on ${rows.length === 1 ? '1 row that has' : `${rows.length} rows that have`} a label in another language (${rowList(rows)})`,
      );
    }
  }
}
