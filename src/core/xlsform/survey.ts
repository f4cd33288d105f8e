/**
 * The `survey` sheet, walked row by row into draft sections and items.
 *
 * Structure: a top-level `begin group` ... `end group` becomes a Section (name, label, hint,
 * relevant). Items outside any group collect into a section of their own, one per run of ungrouped
 * rows. A group nested in another is flattened into the enclosing section: its relevance is AND-ed
 * into the relevance of each of its items, and it stays the items' innermost group (which names the
 * scale of a Likert item without a `scale` cell, see ./likert.ts).
 *
 * Expressions are collected here and checked once every name is known (./convert.ts), because
 * XLSForm lets a row read a question further down.
 */
import type { Item, LocalizedText } from '../instrument/types';
import { INSTRUMENT_LIMITS, NAME_PATTERN, RESERVED_NAMES } from '../instrument/schema';
import { allOf } from './expressions';
import { type Problems, type Where, rowList } from './problems';
import { lookup } from './lookup';
import { parseType } from './question-type';
import { type Column, type Table, TRANSLATABLE, cellText, findColumn, localizedText, textColumns, yesNo } from './table';
import type { SheetRow } from './workbook';

export interface GroupFrame {
  kind: 'group' | 'repeat';
  name: string;
  label: LocalizedText;
  hint?: LocalizedText;
  relevant?: string;
  /** Appearance words as written ("field-list", "table-list", "likert", ...). */
  appearance: string[];
  row: number;
  /** 0 for a top-level group (a section), 1 for a group in it, ... */
  depth: number;
  /** Questions inside it, nested groups included. */
  items: number;
}

export interface SectionDraft {
  /** The top-level group, or undefined for a run of ungrouped items. */
  group?: GroupFrame;
  row: number;
  items: ItemDraft[];
}

export interface ItemDraft {
  item: Item;
  row: number;
  /** Enclosing groups, outermost first. */
  groups: GroupFrame[];
  select?: { type: 'select_one' | 'select_multiple'; list: string; other: boolean; where: Where };
  /** Appearance words as written, before filtering. */
  appearance: string[];
  scale: string;
  reverse: string;
  defaultValue?: { text: string; where: Where };
}

export interface ExpressionDraft {
  source: string;
  where: Where;
  kind: 'relevant' | 'constraint' | 'calculation' | 'choice_filter';
  /** Relevance and calculations may not read their own item. */
  self?: string;
  /** choice_filter: the list it filters. */
  list?: string;
}

export interface TextDraft {
  text: string;
  where: Where;
}

export interface SurveyDraft {
  sections: SectionDraft[];
  items: ItemDraft[];
  groups: GroupFrame[];
  expressions: ExpressionDraft[];
  texts: TextDraft[];
  /** Metadata rows Dala does not record, by name -> row, for clearer reference errors. */
  metadata: Map<string, number>;
  /** Names of rows refused (unsupported types): references to them are not reported again. */
  refused: Set<string>;
}

/** Columns of the survey sheet Dala reads. */
const READ = new Set([
  'type',
  'name',
  'label',
  'hint',
  'required',
  'required_message',
  'relevant',
  'constraint',
  'constraint_message',
  'appearance',
  'default',
  'read_only',
  'calculation',
  'choice_filter',
  'scale',
  'reverse',
  'trigger',
  'repeat_count',
]);

/** Appearance words Dala keeps, by the kind of row. */
const APPEARANCES: ReadonlyMap<string, ReadonlySet<string>> = lookup({
  text: new Set(['multiline']),
  select_one: new Set(['minimal', 'likert']),
  select_multiple: new Set(['minimal']),
  group: new Set(['field-list', 'table-list', 'likert']),
});

/** The metadata Dala computes itself, mapped to a calculate item. */
const METADATA_CALCULATIONS: ReadonlyMap<string, string> = lookup({ today: 'today()' });

export function readSurvey(table: Table, problems: Problems, defaultLanguage: string): SurveyDraft {
  const sheet = table.sheet.name;
  const draft: SurveyDraft = {
    sections: [],
    items: [],
    groups: [],
    expressions: [],
    texts: [],
    metadata: new Map(),
    refused: new Set(),
  };
  const col = (key: string) => findColumn(table, key);
  const typeCol = col('type');
  const nameCol = col('name');
  if (!typeCol || !nameCol) {
    const missing = [!typeCol && 'type', !nameCol && 'name'].filter(Boolean).join(' and ');
    problems.error({ sheet, row: table.headerRow }, `the survey sheet has no ${missing} column`);
    return draft;
  }
  const cols = {
    label: textColumns(table, 'label'),
    hint: textColumns(table, 'hint'),
    requiredMessage: textColumns(table, 'required_message'),
    constraintMessage: textColumns(table, 'constraint_message'),
    required: col('required'),
    relevant: col('relevant'),
    constraint: col('constraint'),
    appearance: col('appearance'),
    default: col('default'),
    readOnly: col('read_only'),
    calculation: col('calculation'),
    choiceFilter: col('choice_filter'),
    scale: col('scale'),
    reverse: col('reverse'),
    trigger: col('trigger'),
  };
  reportUnreadColumns(table, problems);

  const at = (r: SheetRow, c: Column | undefined): Where => ({ sheet, row: r.row, ...(c ? { column: c.header } : {}) });
  const itemRows = new Map<string, number>();
  const groupRows = new Map<string, number>();
  const ignoredAppearances = new Map<string, { where: Where; rows: number[] }>();
  const stack: GroupFrame[] = [];
  let current: SectionDraft | undefined;

  const checkName = (r: SheetRow, name: string, what: string): boolean => {
    if (!name) {
      problems.error(at(r, nameCol), `this ${what} has no name`);
      return false;
    }
    if (RESERVED_NAMES.has(name)) {
      problems.error(at(r, nameCol), `'${name}' is reserved (every JavaScript object has it) and cannot be a name`);
      return false;
    }
    if (!NAME_PATTERN.test(name) || name.length > INSTRUMENT_LIMITS.name) {
      problems.error(
        at(r, nameCol),
        `'${name}' is not a valid name: use letters, digits, _ . - (at most ${INSTRUMENT_LIMITS.name}), starting with a letter or _`,
      );
      return false;
    }
    return true;
  };

  /** Collects the label, hint and message texts of a row, for the ${name} check. */
  const collectTexts = (r: SheetRow) => {
    for (const c of [...cols.label, ...cols.hint, ...cols.requiredMessage, ...cols.constraintMessage]) {
      const text = cellText(r, c);
      if (text.includes('${')) draft.texts.push({ text, where: at(r, c) });
    }
  };

  /** Keeps the appearance words this kind of row uses; reports the rest once per word. */
  const appearanceOf = (r: SheetRow, kind: string): { words: string[]; kept: string[] } => {
    const raw = cellText(r, cols.appearance);
    if (!raw) return { words: [], kept: [] };
    if (/\bsearch\s*\(/.test(raw)) {
      problems.error(at(r, cols.appearance), 'Dala does not support search() (choices from an attached CSV file)');
      return { words: [], kept: [] };
    }
    const words = raw.split(/\s+/).filter((w) => w !== '');
    const allowed = APPEARANCES.get(kind) ?? new Set<string>();
    const kept: string[] = [];
    for (const w of words) {
      const word = w.toLowerCase();
      if (word.startsWith('ex:')) {
        problems.error(at(r, cols.appearance), `Dala does not support launching another app (appearance '${w}')`);
      } else if (allowed.has(word)) {
        if (!kept.includes(word)) kept.push(word);
      } else {
        const seen = ignoredAppearances.get(word);
        if (seen) seen.rows.push(r.row);
        else ignoredAppearances.set(word, { where: at(r, cols.appearance), rows: [r.row] });
      }
    }
    return { words: words.map((w) => w.toLowerCase()), kept };
  };

  const boolCell = (r: SheetRow, c: Column | undefined, what: string): boolean | undefined => {
    const text = cellText(r, c);
    const v = yesNo(text);
    if (v !== 'invalid') return v;
    problems.error(
      at(r, c),
      /[$(=<>]/.test(text)
        ? `a condition in ${what} ('${text}') is not supported: write yes or no`
        : `${what} must be yes or no, not '${text}'`,
    );
    return undefined;
  };

  const sectionForItem = (r: SheetRow): SectionDraft => {
    if (stack.length) return current!;
    if (!current || current.group) {
      current = { row: r.row, items: [] };
      draft.sections.push(current);
    }
    return current;
  };

  for (const r of table.rows) {
    const typeText = cellText(r, typeCol);
    const name = cellText(r, nameCol);
    if (!typeText) {
      if (name) problems.error(at(r, typeCol), `'${name}' has no type`);
      else if (cols.label.some((c) => cellText(r, c))) problems.error(at(r, typeCol), 'this row has a label but no type');
      continue;
    }
    const parsed = parseType(typeText);
    const triggerText = cellText(r, cols.trigger);
    if (triggerText) problems.error(at(r, cols.trigger), 'Dala does not support trigger (recalculating when another answer changes)');

    switch (parsed.kind) {
      case 'begin_group':
      case 'begin_repeat': {
        const kind = parsed.kind === 'begin_group' ? 'group' : 'repeat';
        if (parsed.kind === 'begin_repeat') {
          problems.error(at(r, typeCol), `Dala does not support ${parsed.feature}`);
        }
        let groupName = name;
        if (checkName(r, name, kind)) {
          const before = groupRows.get(name);
          if (before !== undefined) problems.error(at(r, nameCol), `duplicate group name '${name}' (first used on row ${before})`);
          else groupRows.set(name, r.row);
        } else groupName = `row${r.row}`;
        const relevant = cellText(r, cols.relevant);
        if (relevant) draft.expressions.push({ source: relevant, where: at(r, cols.relevant), kind: 'relevant' });
        const hint = localizedText(r, cols.hint, defaultLanguage);
        const frame: GroupFrame = {
          kind,
          name: groupName,
          label: localizedText(r, cols.label, defaultLanguage) ?? {},
          ...(hint ? { hint } : {}),
          ...(relevant ? { relevant } : {}),
          appearance: appearanceOf(r, 'group').words,
          row: r.row,
          depth: stack.length,
          items: 0,
        };
        collectTexts(r);
        draft.groups.push(frame);
        if (!stack.length) {
          current = { group: frame, row: r.row, items: [] };
          draft.sections.push(current);
        }
        stack.push(frame);
        continue;
      }
      case 'end_group':
      case 'end_repeat': {
        const kind = parsed.kind === 'end_group' ? 'group' : 'repeat';
        const top = stack.pop();
        if (!top) {
          problems.error(at(r, typeCol), `end ${kind} without a matching begin ${kind}`);
          continue;
        }
        if (top.kind !== kind) {
          problems.error(at(r, typeCol), `end ${kind} closes the begin ${top.kind} '${top.name}' of row ${top.row}: write end ${top.kind}`);
        }
        if (top.items === 0 && top.kind === 'group') {
          problems.warn(
            { sheet, row: top.row, ...(nameCol ? { column: nameCol.header } : {}) },
            `group '${top.name}' has no questions${stack.length ? '' : ': it is left out'}`,
          );
        }
        if (!stack.length) current = undefined;
        continue;
      }
      case 'unsupported':
        problems.error(at(r, typeCol), `Dala does not support ${parsed.feature}${parsed.advice ? `: ${parsed.advice}` : ''}`);
        if (name) draft.refused.add(name);
        continue;
      case 'malformed':
        problems.error(at(r, typeCol), parsed.message);
        if (name) draft.refused.add(name);
        continue;
      case 'unknown':
        problems.error(at(r, typeCol), `unknown question type '${parsed.type}'`);
        if (name) draft.refused.add(name);
        continue;
      case 'metadata': {
        const calculation = METADATA_CALCULATIONS.get(parsed.name);
        if (!calculation) {
          problems.warn(
            at(r, typeCol),
            `metadata '${typeText}' is not recorded by Dala (it keeps its own interview times and device-free records): row ignored`,
          );
          if (name) draft.metadata.set(name, r.row);
          continue;
        }
        break;
      }
      default:
        break;
    }

    // A question (or metadata Dala computes).
    if (!checkName(r, name, 'question')) {
      if (name) draft.refused.add(name);
      continue;
    }
    const before = itemRows.get(name);
    if (before !== undefined) {
      problems.error(at(r, nameCol), `duplicate name '${name}' (first used on row ${before})`);
      continue;
    }
    itemRows.set(name, r.row);

    const section = sectionForItem(r);
    const groups = stack.slice();
    for (const g of groups) g.items++;

    let type: Item['type'];
    let kindForAppearance: string;
    let select: ItemDraft['select'];
    let extraConstraint: string | undefined;
    let calculation: string | undefined;
    if (parsed.kind === 'metadata') {
      type = 'calculate';
      kindForAppearance = 'calculate';
      calculation = METADATA_CALCULATIONS.get(parsed.name);
    } else if (parsed.kind === 'select') {
      type = parsed.type;
      kindForAppearance = parsed.type;
      select = { type: parsed.type, list: parsed.list, other: parsed.other, where: at(r, typeCol) };
    } else if (parsed.kind === 'question') {
      if (parsed.type === 'phone number') {
        type = 'text';
        extraConstraint = "regex(., '^[0-9]*$')";
      } else type = parsed.type;
      kindForAppearance = type;
    } else continue; // not reached: every other kind continued above

    const appearance = appearanceOf(r, kindForAppearance);
    if (type === 'text' && appearance.kept.includes('multiline')) type = 'longtext';

    const label = localizedText(r, cols.label, defaultLanguage);
    if (!label && type !== 'calculate') problems.error(at(r, cols.label[0]), `'${name}' has no label`);
    const item: Item = { name, type, label: label ?? {} };
    const hint = localizedText(r, cols.hint, defaultLanguage);
    if (hint && type !== 'calculate') item.hint = hint;
    collectTexts(r);

    const required = boolCell(r, cols.required, 'required');
    const requiredMessage = localizedText(r, cols.requiredMessage, defaultLanguage);
    if (required !== undefined && (type === 'note' || type === 'calculate')) {
      if (required) problems.warn(at(r, cols.required), `required is ignored on a ${type} row`);
    } else if (required !== undefined) item.required = required;
    if (requiredMessage) {
      if (item.required) item.requiredMessage = requiredMessage;
      else problems.warn(at(r, cols.requiredMessage[0]), 'required_message is ignored: the question is not required');
    }

    const ownRelevant = cellText(r, cols.relevant);
    if (ownRelevant) draft.expressions.push({ source: ownRelevant, where: at(r, cols.relevant), kind: 'relevant', self: name });
    // Nested groups' relevance is AND-ed in: measured before it is joined, so deep nesting of long
    // conditions cannot multiply into one huge text per question.
    const relevantParts = [...groups.slice(1).map((g) => g.relevant ?? ''), ownRelevant];
    const relevantLength = relevantParts.reduce((n, part) => n + part.length + 8, 0);
    if (relevantLength > INSTRUMENT_LIMITS.text) {
      problems.error(
        at(r, cols.relevant ?? typeCol),
        `the relevance of '${name}' and of its ${groups.length - 1} enclosing groups together is longer than ${INSTRUMENT_LIMITS.text} characters`,
      );
    } else {
      const relevant = allOf(relevantParts);
      if (relevant) item.relevant = relevant;
    }

    const ownConstraint = cellText(r, cols.constraint);
    if (ownConstraint) draft.expressions.push({ source: ownConstraint, where: at(r, cols.constraint), kind: 'constraint' });
    const constraint = allOf([extraConstraint ?? '', ownConstraint]);
    const constraintMessage = localizedText(r, cols.constraintMessage, defaultLanguage);
    if (constraint) {
      if (type === 'note' || type === 'calculate') problems.warn(at(r, cols.constraint), `constraint is ignored on a ${type} row`);
      else item.constraint = constraint;
    }
    if (constraintMessage) {
      if (item.constraint) item.constraintMessage = constraintMessage;
      else problems.warn(at(r, cols.constraintMessage[0]), 'constraint_message is ignored: the question has no constraint');
    }

    if (select) {
      item.choices = select.list;
      if (select.other) item.other = true;
    }

    const calcText = cellText(r, cols.calculation);
    if (type === 'calculate') {
      const source = calcText || calculation;
      if (!source) problems.error(at(r, cols.calculation ?? typeCol), `calculate '${name}' has no calculation`);
      else {
        if (calcText) draft.expressions.push({ source: calcText, where: at(r, cols.calculation), kind: 'calculation', self: name });
        item.calculation = source;
      }
    } else if (calcText) {
      problems.error(
        at(r, cols.calculation),
        `a calculation is not supported on a '${typeText}' row: only calculate rows compute values`,
      );
    }

    const defaultText = cellText(r, cols.default);
    let defaultValue: ItemDraft['defaultValue'];
    if (defaultText) {
      if (defaultText.includes('${') || /^[A-Za-z_][A-Za-z0-9_:-]*\s*\(.*\)$/s.test(defaultText)) {
        problems.error(at(r, cols.default), `a computed default ('${defaultText}') is not supported: Dala defaults are fixed values`);
      } else if (type === 'note' || type === 'calculate') {
        problems.warn(at(r, cols.default), `default is ignored on a ${type} row`);
      } else defaultValue = { text: defaultText, where: at(r, cols.default) };
    }

    const readOnly = boolCell(r, cols.readOnly, 'read_only');
    if (readOnly !== undefined && type !== 'note' && type !== 'calculate') item.readOnly = readOnly;

    if (appearance.kept.length) item.appearance = appearance.kept.join(' ');

    const choiceFilter = cellText(r, cols.choiceFilter);
    if (choiceFilter && select) {
      item.choiceFilter = choiceFilter;
      draft.expressions.push({ source: choiceFilter, where: at(r, cols.choiceFilter), kind: 'choice_filter', self: name, list: select.list });
    } else if (choiceFilter) problems.warn(at(r, cols.choiceFilter), `choice_filter is ignored on a ${type} row: only select_one and select_multiple have choices to filter`);

    const itemDraft: ItemDraft = {
      item,
      row: r.row,
      groups,
      ...(select ? { select } : {}),
      appearance: appearance.words,
      scale: cellText(r, cols.scale),
      reverse: cellText(r, cols.reverse),
      ...(defaultValue ? { defaultValue } : {}),
    };
    section.items.push(itemDraft);
    draft.items.push(itemDraft);
  }

  for (const open of stack) {
    problems.error({ sheet, row: open.row, column: typeCol.header }, `begin ${open.kind} '${open.name}' has no matching end ${open.kind}`);
  }
  for (const [word, { where, rows }] of ignoredAppearances) {
    problems.warn(where, `appearance '${word}' is not supported by Dala: ignored (${rowList(rows)})`);
  }
  return draft;
}

/** One warning per survey column Dala does not read, naming the rows that have a value in it. */
function reportUnreadColumns(table: Table, problems: Problems): void {
  for (const c of table.columns) {
    if (READ.has(c.key) && !(c.language && !TRANSLATABLE.has(c.key))) continue;
    const rows = table.rows.filter((r) => cellText(r, c) !== '').map((r) => r.row);
    if (!rows.length) continue;
    const isMedia = ['image', 'audio', 'video', 'big-image'].includes(c.key) || c.key.startsWith('media::');
    const reason = isMedia
      ? 'Dala shows no images, audio or video'
      : c.key === 'guidance_hint'
        ? 'Dala has no guidance hints'
        : c.key === 'parameters'
          ? 'Dala has no question parameters'
          : 'Dala does not know this column';
    problems.warn({ sheet: table.sheet.name, row: rows[0]!, column: c.header }, `column '${c.header}' is ignored: ${reason} (${rowList(rows)})`);
  }
}
