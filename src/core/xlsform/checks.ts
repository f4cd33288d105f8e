/**
 * Checks that need the whole survey: defaults against their type and list, expressions (they may
 * read questions further down), and ${name} references in texts.
 */
import { isValidDateTime, onRange } from '../responses/validate-value';
import { checkExpression, textReferences } from './expressions';
import type { ChoiceListDef } from './choices';
import { type Problems, type Where, rowList } from './problems';
import type { ItemDraft, SurveyDraft } from './survey';
import type { Column, Table } from './table';

/**
 * A fixed default that is not a value of its type, or not a choice of its list, is what pyxform
 * accepts and ODK shows as no answer: a warning, and the question starts unanswered.
 */
export function checkDefaults(items: ItemDraft[], lists: Map<string, ChoiceListDef>, problems: Problems): void {
  for (const d of items) {
    if (!d.defaultValue) continue;
    const { text, where } = d.defaultValue;
    const { item } = d;
    const bad = (what: string) => problems.warn(where, `default '${text}' is not ${what}: the question starts unanswered`);
    const notInList = bad;
    const listName = item.choices ?? item.likert;
    const names = new Set((listName ? lists.get(listName)?.choices ?? [] : []).map((c) => c.name));
    if (item.other) names.add('other');
    switch (item.type) {
      case 'integer':
        if (!/^[-+]?[0-9]+$/.test(text)) bad('a whole number');
        else item.default = text;
        break;
      case 'decimal':
        if (!/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(text)) bad('a number');
        else item.default = text;
        break;
      case 'date': {
        const ok = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
        if (!ok) bad('a date (yyyy-mm-dd)');
        else item.default = text;
        break;
      }
      case 'time': {
        const m = /^([01][0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9](\.[0-9]+)?)?$/.exec(text);
        if (!m) bad('a time (HH:MM)');
        else item.default = `${m[1]}:${m[2]}`;
        break;
      }
      case 'select_one':
      case 'likert':
        if (lists.has(listName ?? '') && !names.has(text)) notInList(`a choice of list '${listName}'`);
        else item.default = text;
        break;
      case 'select_multiple':
      case 'rank': {
        const missing = text.split(/\s+/).filter((n) => !names.has(n));
        if (lists.has(listName ?? '') && missing.length) notInList(`a choice of list '${listName}' ('${missing[0]}' is not)`);
        else item.default = text.split(/\s+/).join(' ');
        break;
      }
      case 'range': {
        const n = Number(text);
        if (!/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(text)) bad('a number');
        else if (item.range && !onRange(item.range, n)) bad(`a point of the range from ${item.range.start} to ${item.range.end} by ${item.range.step}`);
        else item.default = String(n);
        break;
      }
      case 'datetime': {
        const value = text.replace(' ', 'T');
        if (!isValidDateTime(value)) bad('a date and time (yyyy-mm-ddTHH:MM)');
        else item.default = value;
        break;
      }
      case 'acknowledge':
        if (text.toUpperCase() !== 'OK') bad("'OK', the only value of an acknowledge");
        else item.default = 'OK';
        break;
      default:
        item.default = text;
    }
  }
}

/**
 * `lists`: the choices sheet's lists, whose attributes a choice_filter reads. A choice_filter Dala
 * cannot apply as written is not applied, with a warning that says why (every choice is then shown):
 * a form that ran elsewhere stays readable; any other expression that does not hold is an error.
 */
export function checkExpressions(draft: SurveyDraft, lists: ReadonlyMap<string, ChoiceListDef>, problems: Problems): void {
  const items = new Set(draft.items.map((d) => d.item.name));
  const groups = new Set(draft.groups.map((g) => g.name));
  const itemByName = new Map(draft.items.map((d) => [d.item.name, d.item]));
  const what = {
    relevant: 'relevance',
    calculation: 'calculation',
    choice_filter: 'choice_filter',
    constraint: 'constraint',
    required: 'required condition',
    read_only: 'read_only condition',
    default: 'default',
  } as const;
  for (const e of draft.expressions) {
    const found: { where: Where; message: string }[] = [];
    const report = (position: number | undefined, message: string) => found.push({ where: { ...e.where, ...(position !== undefined && position >= 0 ? { position } : {}) }, message });
    const { issues, references, attributes } = checkExpression(e.source, e.kind === 'choice_filter');
    for (const issue of issues) report(issue.position, issue.message);
    const list = e.kind === 'choice_filter' && e.list !== undefined ? lists.get(e.list) : undefined;
    for (const attr of list ? attributes : []) {
      if (attr === 'name' || list!.choices.some((c) => c.attributes && Object.hasOwn(c.attributes, attr))) continue;
      report(
        e.source.search(new RegExp(`(?<![\\w.$-])${attr.replace(/[.]/g, '\\.')}(?![\\w.-])`)),
        `'${attr}' is not a column with values for list '${list!.name}' in the choices sheet (a bare name reads that column of each choice; a text is written '${attr}', an answer \${${attr}})`,
      );
    }
    for (const name of references) {
      const position = e.source.indexOf('${' + name + '}');
      if (name === e.self && (e.kind === 'relevant' || e.kind === 'calculation' || e.kind === 'choice_filter' || e.kind === 'default')) {
        report(position, `\${${name}} is this question itself: a ${what[e.kind]} cannot read its own answer`);
      }
      else {
        const message = unknownReference(name, items, groups, draft);
        if (message) report(position, message);
      }
    }
    if (e.optional && found.length > 0) {
      const item = e.self === undefined ? undefined : itemByName.get(e.self);
      if (item) delete item.calculation;
      problems.warn(found[0]!.where, `${e.optional}: ${found[0]!.message}`);
    } else if (e.kind !== 'choice_filter') {
      for (const f of found) problems.error(f.where, f.message);
    } else if (found.length > 0) {
      const item = e.self === undefined ? undefined : itemByName.get(e.self);
      if (item) delete item.choiceFilter;
      problems.warn(found[0]!.where, `choice_filter is not applied, so every choice of list '${e.list ?? '?'}' is shown: ${found[0]!.message}`);
    }
  }
}

/** Why `${name}` cannot be read, or undefined when it names a question. */
function unknownReference(name: string, items: Set<string>, groups: Set<string>, draft: SurveyDraft): string | undefined {
  const shared = draft.shared.get(name);
  if (shared) return `\${${name}} is ambiguous: '${name}' is the name of questions in several groups (${rowList(shared)}); give them different names`;
  if (items.has(name) || draft.refused.has(name)) return undefined;
  // A repeat is read by count(${repeat}), position(${repeat}) and indexed-repeat().
  if (draft.groups.some((g) => g.kind === 'repeat' && g.name === name)) return undefined;
  if (groups.has(name)) return `\${${name}} is a group, not a question`;
  return `\${${name}} is not a question in this form`;
}

/** A trigger's names must be questions; the item stores their names as the instrument does. */
export function checkTriggers(draft: SurveyDraft, problems: Problems): void {
  const items = new Set(draft.items.map((d) => d.item.name));
  const groups = new Set(draft.groups.map((g) => g.name));
  for (const t of draft.triggers) {
    const names: string[] = [];
    for (const name of t.names) {
      const message = unknownReference(name, items, groups, draft);
      if (message) problems.error(t.where, message);
      else if (name === t.item.name) problems.error(t.where, `\${${name}} is this question itself: a question cannot trigger itself`);
      else if (items.has(name) && !names.includes(name)) names.push(name);
    }
    if (names.length) t.item.trigger = names;
  }
}

/** ${name} in labels, hints and messages must name questions too. */
export function checkTexts(draft: SurveyDraft, lists: Map<string, ChoiceListDef>, choices: Table | undefined, def: string, problems: Problems): void {
  const items = new Set(draft.items.map((d) => d.item.name));
  const groups = new Set(draft.groups.map((g) => g.name));
  const check = (text: string, where: Where) => {
    for (const ref of textReferences(text)) {
      const message = unknownReference(ref.name, items, groups, draft);
      if (message) problems.error({ ...where, position: ref.position }, message);
    }
  };
  for (const t of draft.texts) check(t.text, t.where);
  if (!choices) return;
  const labelColumn = (lang: string): Column | undefined =>
    choices.columns.find((c) => c.key === 'label' && (c.language?.code ?? def) === lang);
  for (const list of lists.values()) {
    for (const c of list.choices) {
      for (const [lang, text] of Object.entries(c.label)) {
        if (!text.includes('${')) continue;
        const column = labelColumn(lang);
        check(text, { sheet: choices.sheet.name, row: c.row, ...(column ? { column: column.header } : {}) });
      }
    }
  }
}
