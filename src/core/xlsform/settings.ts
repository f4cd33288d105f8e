/**
 * The `settings` sheet: one row of form_title (or title), form_id (or id_string), version,
 * default_language, style, instance_name, allow_choice_duplicates, and Dala's own `recipients` (age
 * public keys the study's bundles are encrypted to). `public_key` holding an age recipient is read as
 * one; `submission_url` and an RSA `public_key` are noted and not used (Dala moves data as encrypted
 * files, never by submission).
 */
import { INSTRUMENT_LIMITS, RECIPIENT_PATTERN } from '../instrument/schema';
import { type LanguageRef, resolveLanguage } from './languages';
import { lookup } from './lookup';
import type { Problems, Where } from './problems';
import { type Column, type Table, cellText, findColumn, yesNo } from './table';

export interface Settings {
  /** form_title as written, per language suffix ('' = no suffix); empty when absent. */
  titles: { language?: LanguageRef; text: string }[];
  formId?: string;
  version?: string;
  defaultLanguage?: LanguageRef & { where: Where };
  recipients?: string[];
  allowChoiceDuplicates: boolean;
  /** The form's layout as written (pages, theme-grid, ...). */
  style?: string;
  /** The expression naming each record (ODK's instanceName), where it is written. */
  instanceName?: { source: string; where: Where };
  /** Where the values are, for problems found later. */
  row?: number;
  columns: Map<string, Column>;
}

const KNOWN = new Set([
  'form_title',
  'form_id',
  'version',
  'default_language',
  'recipients',
  'allow_choice_duplicates',
  'style',
  'instance_name',
  'public_key',
]);

const ADVICE: ReadonlyMap<string, string> = lookup({
  submission_url: 'noted, not used: Dala moves data as encrypted bundles, never by submission to a server',
  auto_send: 'noted, not used: Dala never sends data by itself',
  auto_delete: 'noted, not used: Dala deletes sessions only when asked, after an export',
  namespaces: 'noted, not used',
  clean_text_values: 'noted, not used: Dala keeps texts as typed',
});

export function readSettings(table: Table | undefined, problems: Problems): Settings {
  const settings: Settings = { titles: [], allowChoiceDuplicates: false, columns: new Map() };
  if (!table || !table.rows.length) return settings;
  const sheet = table.sheet.name;
  const [row, ...extra] = table.rows;
  if (!row) return settings;
  settings.row = row.row;
  if (extra[0]) {
    problems.warn({ sheet, row: extra[0].row }, `only row ${row.row} of the settings sheet is read; row ${extra[0].row} and below are ignored`);
  }
  const at = (c: Column): Where => ({ sheet, row: row.row, column: c.header });

  for (const c of table.columns) {
    settings.columns.set(c.key, c);
    const value = cellText(row, c);
    if (!value) continue;
    if (c.key === 'form_title') settings.titles.push({ ...(c.language ? { language: c.language } : {}), text: value });
    else if (!KNOWN.has(c.key)) {
      const advice = ADVICE.get(c.key);
      problems.warn(at(c), `setting '${c.header}' is not used by Dala${advice ? `: ${advice}` : ''}`);
    }
  }

  const get = (key: string) => {
    const c = findColumn(table, key);
    return c ? { column: c, value: cellText(row, c) } : undefined;
  };
  const formId = get('form_id');
  if (formId?.value) settings.formId = formId.value;
  const version = get('version');
  if (version?.value) {
    if (version.value.length > INSTRUMENT_LIMITS.name) {
      problems.error(at(version.column), `version '${version.value}' is longer than ${INSTRUMENT_LIMITS.name} characters`);
    } else settings.version = version.value;
  }
  const lang = get('default_language');
  if (lang?.value) settings.defaultLanguage = { ...resolveLanguage(lang.value), where: at(lang.column) };
  const dup = get('allow_choice_duplicates');
  settings.allowChoiceDuplicates = yesNo(dup?.value ?? '') === true;
  const style = get('style');
  if (style?.value) settings.style = style.value;
  const instanceName = get('instance_name');
  if (instanceName?.value) settings.instanceName = { source: instanceName.value, where: at(instanceName.column) };

  // public_key: an age recipient is one; ODK's RSA key (base64) is noted and not used.
  const publicKey = get('public_key');
  const publicAge = (publicKey?.value ?? '').split(/[\s,;]+/).filter((k) => k !== '');
  if (publicKey?.value && !publicAge.every((k) => k.startsWith('age1'))) {
    problems.warn(at(publicKey.column), "public_key is noted, not used: it is not an age recipient (age1...), and Dala encrypts to age recipients only (list them in a recipients column)");
  }

  const recipients = get('recipients');
  const recipientText = [recipients?.value ?? '', publicAge.every((k) => k.startsWith('age1')) ? publicAge.join(' ') : ''].join(' ').trim();
  const recipientColumn = recipients?.value ? recipients.column : publicKey?.column;
  if (recipientText && recipientColumn) {
    const keys = [...new Set(recipientText.split(/[\s,;]+/).filter((k) => k !== ''))];
    const bad = keys.filter((k) => !RECIPIENT_PATTERN.test(k));
    for (const k of bad) {
      problems.error(
        at(recipientColumn),
        k.startsWith('age1pq')
          ? `recipient '${clip(k)}' is a post-quantum age key; Dala needs an X25519 recipient (age1 and 58 characters, from age-keygen)`
          : `recipient '${clip(k)}' is not an age public key (age1 and 58 characters, as age-keygen prints it)`,
      );
    }
    if (keys.length > INSTRUMENT_LIMITS.recipients) {
      problems.error(at(recipientColumn), `${keys.length} recipients; Dala allows at most ${INSTRUMENT_LIMITS.recipients}`);
    }
    if (!bad.length) settings.recipients = keys;
  }
  return settings;
}

function clip(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}...` : s;
}
