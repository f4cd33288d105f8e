/**
 * The `survey` sheet, walked row by row into draft sections and items.
 *
 * Structure: a top-level `begin group` ... `end group` becomes a Section (name, label, hint,
 * relevant, appearance). Items outside any group collect into a section of their own, one per run
 * of ungrouped rows. A group nested in another is flattened into the enclosing section: its
 * relevance is AND-ed into the relevance of each of its items, and it stays the items' innermost
 * group (which names the scale of a Likert item without a `scale` cell, see ./likert.ts).
 *
 * Names follow pyxform: a name is unique among the rows of its group (the same name in two groups
 * is allowed, and the copies are stored under their group's path, `household.age`); a note without
 * a name is called `generated_note_name_ROW`, as pyxform calls it.
 *
 * Expressions are collected here and checked once every name is known (./checks.ts), because
 * XLSForm lets a row read a question further down.
 */
import type { Item, LocalizedText, MetaKind } from '../instrument/types';
import { INSTRUMENT_LIMITS, NAME_PATTERN, RESERVED_NAMES } from '../instrument/schema';
import { appearanceWords, drawn } from './appearance';
import { allOf } from './expressions';
import { lookup } from './lookup';
import { type Problems, type Where, rowList } from './problems';
import { parseType } from './question-type';
import { type Column, type Table, TRANSLATABLE, cellText, findColumn, isLetterYesNo, localizedText, textColumns, yesNo } from './table';
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
  select?: { type: 'select_one' | 'select_multiple' | 'rank'; list: string; other: boolean; external: boolean; where: Where };
  /** Appearance words as written, in lower case. */
  appearance: string[];
  scale: string;
  reverse: string;
  defaultValue?: { text: string; where: Where };
  /** The name in the sheet, when the item is stored under another (the same name in two groups). */
  sheetName?: string;
}

export interface ExpressionDraft {
  source: string;
  where: Where;
  kind: 'relevant' | 'constraint' | 'calculation' | 'choice_filter' | 'required' | 'read_only' | 'default';
  /** Relevance, calculations and defaults may not read their own item. */
  self?: string;
  /** choice_filter: the list it filters. */
  list?: string;
  /**
   * Not needed to run the form (instance_name): a problem leaves it out with a warning that starts
   * with this text, instead of refusing the form.
   */
  optional?: string;
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
  /** Names of rows refused (unsupported types): references to them are not reported again. */
  refused: Set<string>;
  /** Names given to questions in more than one group, with their rows: a ${name} to them is ambiguous. */
  shared: Map<string, number[]>;
  /** Triggers as written, checked once every name is known: item -> the names it watches. */
  triggers: { item: Item; names: string[]; where: Where }[];
}

/** Columns of the survey sheet Dala reads. */
const READ = new Set([
  'type',
  'name',
  'label',
  'hint',
  'guidance_hint',
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
  'parameters',
  'trigger',
  'scale',
  'reverse',
  'repeat_count',
]);

/** Types never shown, which need no label and take no answer from a person. */
const UNSHOWN: ReadonlySet<Item['type']> = new Set(['calculate', 'hidden', 'meta']);

/** Parameters Dala applies, by type; any other is kept in the item and named in a warning. */
const APPLIED_PARAMETERS: ReadonlyMap<string, ReadonlySet<string>> = lookup({
  range: new Set(['start', 'end', 'step', 'tick_labelset', 'tick_interval', 'placeholder']),
  // Version 3, media: pictures are scaled down on the device (src/adapters/media/image.ts).
  image: new Set(['max-pixels']),
});

/** An item's type from the row's parsed type, by the name the appearance table uses. */
const KIND_OF: ReadonlyMap<string, Item['type']> = lookup({
  text: 'text',
  integer: 'integer',
  decimal: 'decimal',
  date: 'date',
  time: 'time',
  datetime: 'datetime',
  note: 'note',
  calculate: 'calculate',
  acknowledge: 'acknowledge',
  range: 'range',
  barcode: 'barcode',
  hidden: 'hidden',
  'phone number': 'text',
  // Version 3, media
  image: 'image',
  audio: 'audio',
  video: 'video',
  file: 'file',
  'background-audio': 'background-audio',
});

export function readSurvey(table: Table, problems: Problems, defaultLanguage: string): SurveyDraft {
  const sheet = table.sheet.name;
  const draft: SurveyDraft = {
    sections: [],
    items: [],
    groups: [],
    expressions: [],
    texts: [],
    refused: new Set(),
    shared: new Map(),
    triggers: [],
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
    guidance: textColumns(table, 'guidance_hint'),
    requiredMessage: textColumns(table, 'required_message'),
    constraintMessage: textColumns(table, 'constraint_message'),
    media: table.columns.filter((c) => ['image', 'audio', 'video', 'big-image'].includes(c.key) || c.key.startsWith('media::')),
    required: col('required'),
    relevant: col('relevant'),
    constraint: col('constraint'),
    appearance: col('appearance'),
    default: col('default'),
    readOnly: col('read_only'),
    calculation: col('calculation'),
    choiceFilter: col('choice_filter'),
    parameters: col('parameters'),
    scale: col('scale'),
    reverse: col('reverse'),
    trigger: col('trigger'),
  };
  reportUnreadColumns(table, problems);

  const at = (r: SheetRow, c: Column | undefined): Where => ({ sheet, row: r.row, ...(c ? { column: c.header } : {}) });
  /** Names used among the rows of each group (the survey itself is `null`), with their row. */
  const childNames = new Map<GroupFrame | null, Map<string, number>>();
  const itemsByName = new Map<string, ItemDraft[]>();
  const notDrawn = new Map<string, { where: Where; rows: number[]; kind: string; written: string }>();
  const unapplied = new Map<string, { where: Where; rows: number[] }>();
  const letterWarnings = new Map<string, { where: Where; rows: number[]; text: string; kind: string; meaning: boolean }>();
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

  /** pyxform's rule: a name is unique among the rows of its nearest group (or of the survey). */
  const uniqueInGroup = (r: SheetRow, name: string): boolean => {
    const parent = stack[stack.length - 1] ?? null;
    let names = childNames.get(parent);
    if (!names) childNames.set(parent, (names = new Map()));
    const before = names.get(name);
    if (before !== undefined) {
      problems.error(
        at(r, nameCol),
        `duplicate name '${name}' (first used on row ${before})${parent ? ` in group '${parent.name}'` : ''}: names are unique within their group`,
      );
      return false;
    }
    names.set(name, r.row);
    return true;
  };

  /** Collects the label, hint and message texts of a row, for the ${name} check. */
  const collectTexts = (r: SheetRow) => {
    for (const c of [...cols.label, ...cols.hint, ...cols.guidance, ...cols.requiredMessage, ...cols.constraintMessage]) {
      const text = cellText(r, c);
      if (text.includes('${')) draft.texts.push({ text, where: at(r, c) });
    }
  };

  /** The appearance words of a row as written; those Dala does not draw are reported once per word. */
  const appearanceOf = (r: SheetRow, kind: string): string[] => {
    const raw = cellText(r, cols.appearance);
    if (!raw) return [];
    if (/(^|\s)search\s*\(/.test(raw)) {
      problems.error(at(r, cols.appearance), 'Dala does not support external data files (search(): choices from an attached CSV file)');
      return [];
    }
    const words = appearanceWords(raw);
    for (const w of words) {
      if (drawn(kind, w)) continue;
      const key = `${kind}\u0000${w.toLowerCase()}`;
      const seen = notDrawn.get(key);
      if (seen) seen.rows.push(r.row);
      else notDrawn.set(key, { where: at(r, cols.appearance), rows: [r.row], kind, written: w.replace(/\s+/g, ' ') });
    }
    return words;
  };

  /** required / read_only: yes/no as pyxform reads them, else a condition (an expression). */
  const condition = (r: SheetRow, c: Column | undefined, name: string, kind: 'required' | 'read_only'): boolean | string | undefined => {
    const text = cellText(r, c);
    const v = yesNo(text);
    if (isLetterYesNo(text)) {
      const letter = letterWarnings.get(`${kind}\u0000${text}`);
      if (letter) letter.rows.push(r.row);
      else letterWarnings.set(`${kind}\u0000${text}`, { where: at(r, c), rows: [r.row], text, kind, meaning: v === true });
    }
    if (v !== 'invalid') return v;
    draft.expressions.push({ source: text, where: at(r, c), kind, self: name });
    return text;
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
    let name = cellText(r, nameCol);
    if (!typeText) {
      if (name) problems.error(at(r, typeCol), `'${name}' has no type`);
      else if (cols.label.some((c) => cellText(r, c))) problems.error(at(r, typeCol), 'this row has a label but no type');
      continue;
    }
    const parsed = parseType(typeText);

    switch (parsed.kind) {
      case 'begin_group':
      case 'begin_repeat': {
        const kind = parsed.kind === 'begin_group' ? 'group' : 'repeat';
        if (parsed.kind === 'begin_repeat') {
          problems.error(at(r, typeCol), `Dala does not support ${parsed.feature}`);
        }
        let groupName = name;
        if (!checkName(r, name, kind) || !uniqueInGroup(r, name)) groupName = `row${r.row}`;
        const relevant = cellText(r, cols.relevant);
        if (relevant) draft.expressions.push({ source: relevant, where: at(r, cols.relevant), kind: 'relevant' });
        const hint = localizedText(r, cols.hint, defaultLanguage);
        const frame: GroupFrame = {
          kind,
          name: groupName,
          label: localizedText(r, cols.label, defaultLanguage) ?? {},
          ...(hint ? { hint } : {}),
          ...(relevant ? { relevant } : {}),
          appearance: appearanceOf(r, 'group').map((w) => w.toLowerCase()),
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
      default:
        break;
    }

    // A question, or metadata. pyxform names a note without a name after its row.
    if (!name && parsed.kind === 'question' && parsed.type === 'note') name = `generated_note_name_${r.row}`;
    if (!checkName(r, name, parsed.kind === 'metadata' ? 'metadata row' : 'question')) {
      if (name) draft.refused.add(name);
      continue;
    }
    if (!uniqueInGroup(r, name)) continue;

    const section = sectionForItem(r);
    const groups = stack.slice();
    for (const g of groups) g.items++;

    let type: Item['type'];
    let kindForAppearance: string;
    let select: ItemDraft['select'];
    let extraConstraint: string | undefined;
    let meta: MetaKind | undefined;
    if (parsed.kind === 'metadata') {
      type = 'meta';
      kindForAppearance = 'meta';
      meta = parsed.meta;
    } else if (parsed.kind === 'select') {
      type = parsed.type;
      kindForAppearance = parsed.type;
      select = { type: parsed.type, list: parsed.list, other: parsed.other, external: parsed.external, where: at(r, typeCol) };
    } else if (parsed.kind === 'question') {
      if (parsed.type === 'phone number') extraConstraint = "regex(., '^[0-9]*$')";
      type = KIND_OF.get(parsed.type) ?? 'text';
      kindForAppearance = type;
    } else continue; // not reached: every other kind continued above

    const appearance = appearanceOf(r, kindForAppearance);
    const lowerAppearance = appearance.map((w) => w.toLowerCase());
    if (type === 'text' && lowerAppearance.includes('multiline')) type = 'longtext';

    const label = localizedText(r, cols.label, defaultLanguage);
    const hint = localizedText(r, cols.hint, defaultLanguage);
    const guidance = localizedText(r, cols.guidance, defaultLanguage);
    if (!label && !UNSHOWN.has(type)) {
      const media = cols.media.find((c) => cellText(r, c));
      if (media) problems.warn(at(r, media), `'${name}' has only a media label (${media.header}), which Dala does not show: its name is shown instead`);
      else if (!hint) problems.error(at(r, cols.label[0]), `'${name}' has no label`);
    }
    const item: Item = { name, type, label: label ?? (hint || UNSHOWN.has(type) ? {} : { [defaultLanguage]: name }) };
    if (hint && !UNSHOWN.has(type)) item.hint = hint;
    if (guidance && !UNSHOWN.has(type)) item.guidance = guidance;
    if (meta) item.meta = meta;
    collectTexts(r);

    const answerable = type !== 'note' && !UNSHOWN.has(type);
    const required = answerable ? condition(r, cols.required, name, 'required') : undefined;
    const requiredMessage = localizedText(r, cols.requiredMessage, defaultLanguage);
    if (!answerable && cellText(r, cols.required) && yesNo(cellText(r, cols.required)) !== false) {
      problems.warn(at(r, cols.required), `required is ignored on a ${typeText} row`);
    } else if (typeof required === 'string') item.requiredIf = required;
    else if (required !== undefined) item.required = required;
    if (requiredMessage) {
      if (item.required || item.requiredIf) item.requiredMessage = requiredMessage;
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
      if (type === 'note' || UNSHOWN.has(type)) problems.warn(at(r, cols.constraint), `constraint is ignored on a ${typeText} row`);
      else item.constraint = constraint;
    }
    if (constraintMessage) {
      if (item.constraint) item.constraintMessage = constraintMessage;
      else problems.warn(at(r, cols.constraintMessage[0]), 'constraint_message is ignored: the question has no constraint');
    }

    if (select && select.type !== 'rank') {
      item.choices = select.list;
      if (select.other) item.other = true;
    } else if (select) {
      item.choices = select.list;
      if (select.other) problems.warn(at(r, typeCol), 'or_other is ignored on a rank row: a ranking has no "Other (specify)"');
    }
    if (select?.external && !lowerAppearance.some((w) => w === 'minimal' || w === 'autocomplete')) appearance.push('autocomplete');

    // A calculation on any row (pyxform allows it): a question stands at its value until answered.
    const calcText = cellText(r, cols.calculation);
    if (calcText) {
      if (type === 'note') problems.warn(at(r, cols.calculation), 'calculation is ignored on a note row');
      else {
        draft.expressions.push({ source: calcText, where: at(r, cols.calculation), kind: 'calculation', self: name });
        item.calculation = calcText;
      }
    }

    const parameters = readParameters(cellText(r, cols.parameters), at(r, cols.parameters), problems);
    if (type === 'range') {
      const range = rangeOf(parameters, at(r, cols.parameters), problems);
      if (range) {
        item.range = range.range;
        if (range.labels) item.choices = range.labels;
      }
    }
    if (Object.keys(parameters).length) {
      item.parameters = parameters;
      const applied = APPLIED_PARAMETERS.get(type);
      for (const key of Object.keys(parameters)) {
        if (applied?.has(key)) continue;
        const seen = unapplied.get(key);
        if (seen) seen.rows.push(r.row);
        else unapplied.set(key, { where: at(r, cols.parameters), rows: [r.row] });
      }
    }

    const triggerText = cellText(r, cols.trigger);
    if (triggerText) {
      const names = [...triggerText.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!.trim());
      if (!names.length) problems.error(at(r, cols.trigger), `trigger '${triggerText}' names no question: write \${name}, or several separated by commas`);
      else draft.triggers.push({ item, names, where: at(r, cols.trigger) });
    }
    if (type === 'calculate' && !calcText && !triggerText && !cellText(r, cols.default)) {
      problems.error(at(r, cols.calculation ?? typeCol), `calculate '${name}' has no calculation`);
    }

    const defaultText = cellText(r, cols.default);
    let defaultValue: ItemDraft['defaultValue'];
    if (defaultText) {
      if (type === 'note' || type === 'meta') problems.warn(at(r, cols.default), `default is ignored on a ${typeText} row`);
      else if (isDynamicDefault(defaultText, type)) {
        item.defaultExpression = defaultText;
        draft.expressions.push({ source: defaultText, where: at(r, cols.default), kind: 'default', self: name });
      } else defaultValue = { text: defaultText, where: at(r, cols.default) };
    }

    const readOnly = answerable ? condition(r, cols.readOnly, name, 'read_only') : undefined;
    if (typeof readOnly === 'string') item.readOnlyIf = readOnly;
    else if (readOnly !== undefined) item.readOnly = readOnly;

    if (appearance.length && !UNSHOWN.has(type)) item.appearance = appearance.join(' ');

    const choiceFilter = cellText(r, cols.choiceFilter);
    if (choiceFilter && select) {
      item.choiceFilter = choiceFilter;
      draft.expressions.push({ source: choiceFilter, where: at(r, cols.choiceFilter), kind: 'choice_filter', self: name, list: select.list });
    } else if (choiceFilter) problems.warn(at(r, cols.choiceFilter), `choice_filter is ignored on a ${typeText} row: only selects have choices to filter`);

    const itemDraft: ItemDraft = {
      item,
      row: r.row,
      groups,
      ...(select ? { select } : {}),
      appearance: lowerAppearance,
      scale: cellText(r, cols.scale),
      reverse: cellText(r, cols.reverse),
      ...(defaultValue ? { defaultValue } : {}),
    };
    section.items.push(itemDraft);
    draft.items.push(itemDraft);
    const same = itemsByName.get(name);
    if (same) same.push(itemDraft);
    else itemsByName.set(name, [itemDraft]);
  }

  for (const open of stack) {
    problems.error({ sheet, row: open.row, column: typeCol.header }, `begin ${open.kind} '${open.name}' has no matching end ${open.kind}`);
  }
  for (const { where, rows, kind, written } of notDrawn.values()) {
    const what = kind === 'group' ? 'the group is shown' : 'the question is shown';
    if (/^ex:/i.test(written)) {
      problems.warn(where, `appearance '${written}' launches another app, which a browser cannot: the answer is typed (${rowList(rows)})`);
    } else problems.warn(where, `appearance '${written}' is not drawn by Dala on a ${kind} row: ${what} in its usual form (${rowList(rows)})`);
  }
  for (const { where, rows, text, kind, meaning } of letterWarnings.values()) {
    problems.warn(
      where,
      `${kind} '${text}' is read as ${meaning ? 'yes' : 'no'} (ODK reads a single letter as the name of a question, and so as no; write ${meaning ? 'yes' : 'no'}) (${rowList(rows)})`,
    );
  }
  for (const [key, { where, rows }] of unapplied) {
    problems.warn(where, `parameter '${key}' is kept but not applied by Dala (${rowList(rows)})`);
  }
  renameShared(itemsByName, draft, problems, sheet, nameCol);
  resolveAbsolutePaths(draft);
  return draft;
}

const EXPRESSION_FIELDS = ['relevant', 'constraint', 'calculation', 'choiceFilter', 'requiredIf', 'readOnlyIf', 'defaultExpression'] as const;

/**
 * Absolute paths as pyxform passes them through (`/data/group/sub/name`): each that names a question
 * of the form becomes `${name}` with the name the question is stored under, so a name given to
 * questions in several groups is read at the path written, never by its last step alone. The first
 * step is the form's root, whatever it is called. A path to nothing is left for the expression
 * parser to read (and name) as it does.
 */
function resolveAbsolutePaths(draft: SurveyDraft): void {
  const byPath = new Map<string, string>();
  for (const d of draft.items) byPath.set([...d.groups.map((g) => g.name), d.sheetName ?? d.item.name].join('/'), d.item.name);
  const rewrite = (text: string): string => {
    if (!text.includes('/')) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === "'" || ch === '"' || ch === '\u2018' || ch === '\u201c') {
        const close = ch === '\u2018' ? '\u2019' : ch === '\u201c' ? '\u201d' : ch;
        const end = text.indexOf(close, i + 1);
        const stop = end < 0 ? text.length : end + 1;
        out += text.slice(i, stop);
        i = stop;
        continue;
      }
      // A path that follows a name, ')' or ']' directly (`a/b`) is relative; after a space or an operator it starts at the root.
      const m = ch === '/' && !/[A-Za-z0-9_.)\]]$/.test(out) ? /^\/[A-Za-z_][A-Za-z0-9_.-]*((?:\/[A-Za-z_][A-Za-z0-9_.-]*)+)/.exec(text.slice(i)) : null;
      const stored = m ? byPath.get(m[1]!.slice(1)) : undefined;
      if (m && stored !== undefined) {
        out += `\${${stored}}`;
        i += m[0].length;
        continue;
      }
      out += ch;
      i++;
    }
    return out;
  };
  for (const e of draft.expressions) e.source = rewrite(e.source);
  for (const d of draft.items) for (const f of EXPRESSION_FIELDS) if (d.item[f] !== undefined) d.item[f] = rewrite(d.item[f]!);
  for (const g of draft.groups) if (g.relevant !== undefined) g.relevant = rewrite(g.relevant);
}

/**
 * The same name in two groups (pyxform allows it): each copy inside a group is stored under its
 * groups' path (`household.age`, `person.age`), a copy outside any group keeps the name. A ${name}
 * that reads it is ambiguous, as in pyxform, and refused by ./checks.ts.
 */
function renameShared(itemsByName: Map<string, ItemDraft[]>, draft: SurveyDraft, problems: Problems, sheet: string, nameCol: Column): void {
  const taken = new Set(itemsByName.keys());
  for (const [name, drafts] of itemsByName) {
    if (drafts.length < 2) continue;
    draft.shared.set(name, drafts.map((d) => d.row));
    for (const d of drafts) {
      if (!d.groups.length) continue;
      let stored = [...d.groups.map((g) => g.name), name].join('.');
      if (stored.length > INSTRUMENT_LIMITS.name) stored = `${d.groups[d.groups.length - 1]!.name}.${name}`.slice(0, INSTRUMENT_LIMITS.name);
      const base = stored;
      for (let k = 2; taken.has(stored); k++) stored = `${base.slice(0, INSTRUMENT_LIMITS.name - String(k).length - 1)}_${k}`;
      taken.add(stored);
      d.sheetName = name;
      d.item.name = stored;
      problems.warn(
        { sheet, row: d.row, column: nameCol.header },
        `'${name}' is also the name of a question in another group (${rowList(drafts.map((x) => x.row))}): this one is stored as '${stored}'`,
      );
    }
  }
}

/**
 * pyxform's rule (default_is_dynamic): a default with a ${name}, a function call, brackets or
 * arithmetic (`*`, `+`, `div`, `mod`, a `-` that is not part of a number or a name; any `-` in a
 * date or a time is not) is computed when the session starts; anything else is a fixed value.
 */
function isDynamicDefault(text: string, type: Item['type']): boolean {
  if (text.includes('${')) return true;
  if (/[A-Za-z_][A-Za-z0-9_:.-]*\s*\(/.test(text)) return true;
  if (/[[\]{}()]/.test(text)) return true;
  if (/\s(div|mod)\s/.test(text) || /[+*]/.test(text)) return true;
  if (type === 'date' || type === 'datetime' || type === 'time') return false;
  return /(^|\s)-(\s|[^0-9.\s])/.test(text);
}

/** XLSForm's parameters cell: `key=value` pairs separated by spaces, commas or semicolons (as pyxform). */
function readParameters(cell: string, where: Where, problems: Problems): Record<string, string> {
  const out: Record<string, string> = {};
  if (!cell) return out;
  const rest = cell.replace(/([^\s=,;]+)\s*=\s*([^\s=,;]+)/g, (_, k: string, v: string) => {
    const key = k.toLowerCase();
    if (RESERVED_NAMES.has(key) || !NAME_PATTERN.test(key)) problems.warn(where, `parameter '${k}' is not read: a parameter name has letters, digits, _ . -`);
    else out[key] = key === 'label' || key === 'value' ? v : v.toLowerCase();
    return ' ';
  });
  if (rest.trim().replace(/[\s,;]+/g, '')) problems.warn(where, `parameters '${cell}' are not all written name=value: only the pairs were read`);
  return out;
}

/** A range row's start, end and step (ODK's defaults 1, 10, 1), and its tick labels' list. */
function rangeOf(parameters: Record<string, string>, where: Where, problems: Problems): { range: { start: number; end: number; step: number }; labels?: string } | undefined {
  const number = (key: string, fallback: number): number | undefined => {
    const text = parameters[key];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      problems.error(where, `range parameter ${key} '${text}' is not a number`);
      return undefined;
    }
    return n;
  };
  const start = number('start', 1);
  const end = number('end', 10);
  const step = number('step', 1);
  if (start === undefined || end === undefined || step === undefined) return undefined;
  if (step === 0) return void problems.error(where, 'range parameter step must not be 0');
  if (Math.abs(step) > Math.abs(end - start)) return void problems.error(where, `range parameter step ${step} is larger than the range from ${start} to ${end}`);
  const steps = Math.abs(end - start) / Math.abs(step);
  if (Math.abs(steps - Math.round(steps)) > 1e-9) return void problems.error(where, `range parameter step ${step} does not divide the range from ${start} to ${end}`);
  const labels = parameters.tick_labelset;
  return { range: { start, end, step: Math.abs(step) }, ...(labels ? { labels } : {}) };
}

/** One warning per survey column Dala does not read, naming the rows that have a value in it. */
function reportUnreadColumns(table: Table, problems: Problems): void {
  for (const c of table.columns) {
    if (READ.has(c.key) && !(c.language && !TRANSLATABLE.has(c.key))) continue;
    const rows = table.rows.filter((r) => cellText(r, c) !== '').map((r) => r.row);
    if (!rows.length) continue;
    const isMedia = ['image', 'audio', 'video', 'big-image'].includes(c.key) || c.key.startsWith('media::');
    const reason = isMedia ? 'Dala shows no images, audio or video' : 'Dala does not know this column';
    problems.warn({ sheet: table.sheet.name, row: rows[0]!, column: c.header }, `column '${c.header}' is ignored: ${reason} (${rowList(rows)})`);
  }
}
