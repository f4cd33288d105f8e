/**
 * What the runner shows for a set of answers: which sections and items are relevant (skip logic),
 * calculated values, which answers break a required check or a constraint, and progress.
 *
 * Pure: the same instrument, answers and `today` give the same state, in the browser, a worker or Node.
 * Expressions are parsed once per instrument (`compileInstrument`) and evaluated by the interpreter
 * of ../expr; an expression that fails at run time makes its item relevant (a question is never hidden
 * by an error) and is reported in `runtimeErrors`.
 *
 * An instrument that calls a function of a group loaded on demand (format-date(), regex(), ...:
 * ../expr/catalog.ts) is evaluated only once that group is loaded: `prepareInstrument` loads what
 * it calls and compiles it with those functions. `computeFormState` refuses an instrument compiled
 * without a group it calls, rather than report its expressions as failing.
 */
import { DalaError } from '../errors';
import {
  BASIC_FUNCTIONS,
  evaluateBoolean,
  evaluateValue,
  functionGroups,
  loadFunctions,
  missingGroups,
  parseExpression,
  type EvalContext,
  type Expr,
  type FunctionLibrary,
  type LazyGroup,
} from '../expr/index';
import { localize, type Choice, type Instrument, type Item } from '../instrument/types';
import { attachmentReader, type DataRow } from '../instrument/attachments';
import type { AnswerValue } from './types';
import { OTHER, validateValue } from './validate-value';

export interface CompiledInstrument {
  instrument: Instrument;
  items: Map<
    string,
    {
      item: Item;
      section: number;
      relevant?: Expr;
      constraint?: Expr;
      calculation?: Expr;
      choiceFilter?: Expr;
      requiredIf?: Expr;
      readOnlyIf?: Expr;
      defaultExpression?: Expr;
    }
  >;
  sectionRelevant: (Expr | undefined)[];
  /** The function groups its expressions call, besides the basic functions (../expr/catalog.ts). */
  groups: ReadonlySet<LazyGroup>;
  /** The functions its expressions are evaluated with. Ready when it has every group of `groups` (`isReady`). */
  functions: FunctionLibrary;
  /** The rows of its attachments by the id a form reads them by (read on first use). */
  data: (id: string) => readonly DataRow[] | null;
}

/** `choice`: a code the item's choice filter does not offer now (an earlier answer it depended on changed). */
export type ItemIssue = 'required' | 'constraint' | 'type' | 'choice';

export interface ItemState {
  relevant: boolean;
  /** A relevant item that takes an answer has one (not empty). */
  answered?: boolean;
  issue?: ItemIssue;
  /**
   * For an item with a choice filter: the codes of its list offered now, in the list's order
   * ("Other (specify)" is always offered besides). Absent: every choice is.
   */
  choices?: string[];
  /** Why the value is not valid (for 'type'): an English developer message; the UI has its own words. */
  detail?: string;
  /** `requiredIf` holds: an answer is needed now (as for `required`, which is not repeated here). */
  required?: boolean;
  /** `readOnlyIf` holds: shown, not editable now (as for `readOnly`, which is not repeated here). */
  readOnly?: boolean;
  /**
   * A question with a calculation and no answer of its own: the computed value it stands at (shown
   * in its field; a value the person gives replaces it).
   */
  computed?: AnswerValue;
}

export interface FormState {
  sections: { relevant: boolean; answered: number; answerable: number; issues: number }[];
  items: Map<string, ItemState>;
  /** Answers with calculations applied and non-relevant items as null: what scoring and export use. */
  effective: Record<string, AnswerValue>;
  answered: number;
  answerable: number;
  runtimeErrors: { item: string; message: string }[];
}

/**
 * Parses every expression of `instrument`, synchronously, and says which function groups they call.
 * With the basic functions only (the default), an instrument that calls no other group (the demo
 * study) is ready at once; any other is not (`isReady`), and is compiled by `prepareInstrument`.
 * Throws the ExpressionError of an expression that does not parse.
 */
export function compileInstrument(instrument: Instrument, functions: FunctionLibrary = BASIC_FUNCTIONS): CompiledInstrument {
  const items: CompiledInstrument['items'] = new Map();
  const sectionRelevant: (Expr | undefined)[] = [];
  const groups = new Set<LazyGroup>();
  const parse = (source: string | undefined, choiceAttributes = false): Expr | undefined => {
    if (!source) return undefined;
    const expr = parseExpression(source, { choiceAttributes, functions });
    functionGroups(expr, groups);
    return expr;
  };
  instrument.sections.forEach((section, s) => {
    sectionRelevant.push(parse(section.relevant));
    for (const item of section.items) {
      items.set(item.name, {
        item,
        section: s,
        relevant: parse(item.relevant),
        constraint: parse(item.constraint),
        calculation: parse(item.calculation),
        choiceFilter: parse(item.choiceFilter, true),
        requiredIf: parse(item.requiredIf),
        readOnlyIf: parse(item.readOnlyIf),
        defaultExpression: parse(item.defaultExpression),
      });
    }
  });
  return { instrument, items, sectionRelevant, groups, functions, data: attachmentReader(instrument.attachments) };
}

/** Whether every function group the instrument calls is loaded in its `functions`. */
export function isReady(compiled: CompiledInstrument): boolean {
  return missingGroups(compiled.groups, compiled.functions).length === 0;
}

/**
 * The instrument compiled with every function group it calls, loaded on demand (import()); an
 * instrument that calls only basic functions costs no wait beyond a resolved promise. Rejects with
 * the ExpressionError of an expression that does not parse (the groups' checks of literal
 * arguments included), or with the error of a group's module that cannot be loaded.
 * `functions`: what is loaded already (another instrument's library), kept in the result.
 */
export async function prepareInstrument(instrument: Instrument, functions: FunctionLibrary = BASIC_FUNCTIONS): Promise<CompiledInstrument> {
  const first = compileInstrument(instrument, functions);
  if (isReady(first)) return first;
  // Parsed again with the groups loaded: their checks of literal arguments (a regex() pattern) run now.
  return compileInstrument(instrument, await loadFunctions(first.groups, functions));
}

export function isEmpty(value: AnswerValue | undefined): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Types never shown: their value is computed, given at the start, or recorded by the device. */
const UNSHOWN: ReadonlySet<Item['type']> = new Set(['calculate', 'hidden', 'meta']);

/** Items never shown to a person (calculate, hidden, meta). */
export function isShown(item: Item): boolean {
  return !UNSHOWN.has(item.type);
}

/** Items that take no answer from a person. */
export function isAnswerable(item: Item): boolean {
  return item.type !== 'note' && isShown(item);
}

/**
 * What expressions may read besides the answers (all optional; a function that needs a missing one
 * fails with an error naming it, and its item is then treated as on any runtime error).
 */
export interface FormEnv {
  /** now(): the current date-time, ISO with its offset. */
  now?: string;
  /** The session's language: jr:choice-name() and format-date()'s month names speak it. */
  lang?: string;
  /**
   * A seed for random() and uuid() (the session id): each item gets its own stream from it, so a
   * value drawn is the same on every screen, every device and every reload of the session.
   */
  seed?: string;
}

export function computeFormState(
  compiled: CompiledInstrument,
  answers: Record<string, AnswerValue>,
  today: string,
  env: FormEnv = {},
): FormState {
  const missing = missingGroups(compiled.groups, compiled.functions);
  if (missing.length > 0) {
    throw new DalaError(
      'expression',
      `the instrument calls functions of the group${missing.length > 1 ? 's' : ''} ${missing.map((g) => `'${g}'`).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not loaded: compile it with prepareInstrument`,
    );
  }
  const { functions } = compiled;
  const effective: Record<string, AnswerValue> = {};
  const relevance = new Map<string, boolean>();
  const runtimeErrors: FormState['runtimeErrors'] = [];
  const get = (name: string): AnswerValue => {
    if (relevance.get(name) === false) return null;
    if (Object.prototype.hasOwnProperty.call(effective, name)) return effective[name] ?? null;
    return Object.prototype.hasOwnProperty.call(answers, name) ? (answers[name] ?? null) : null;
  };
  const hooks = formHooks(compiled, env);
  const ctx = (item: string, self: AnswerValue | undefined, choice?: Choice): EvalContext => ({
    get,
    today,
    self: self ?? null,
    ...hooks,
    ...(env.seed !== undefined ? seeded(env.seed, item) : {}),
    ...(choice ? { choice: attributeOf(choice) } : {}),
  });
  const safeBool = (expr: Expr, item: string, self?: AnswerValue, choice?: Choice): boolean => {
    try {
      return evaluateBoolean(expr, ctx(item, self, choice), functions);
    } catch (e) {
      runtimeErrors.push({ item, message: e instanceof Error ? e.message : String(e) });
      return true;
    }
  };

  /** A required or read-only condition: one that fails to run does not hold (it never blocks). */
  const conditionHolds = (expr: Expr, item: string): boolean => {
    try {
      return evaluateBoolean(expr, ctx(item, null), functions);
    } catch (e) {
      runtimeErrors.push({ item, message: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };

  const { instrument } = compiled;
  const sections: FormState['sections'] = [];
  const items = new Map<string, ItemState>();
  let answered = 0;
  let answerable = 0;

  instrument.sections.forEach((section, s) => {
    const sRel = compiled.sectionRelevant[s];
    const sectionRelevant = sRel ? safeBool(sRel, section.name) : true;
    const st = { relevant: sectionRelevant, answered: 0, answerable: 0, issues: 0 };
    for (const item of section.items) {
      const c = compiled.items.get(item.name)!;
      const relevant = sectionRelevant && (c.relevant ? safeBool(c.relevant, item.name) : true);
      relevance.set(item.name, relevant);
      let value: AnswerValue = Object.prototype.hasOwnProperty.call(answers, item.name) ? (answers[item.name] ?? null) : null;
      const state: ItemState = { relevant };
      // A calculation runs continuously unless a trigger says when (then the app stores its result).
      // An unshown item takes its value; a question only while it has no answer of its own.
      if (c.calculation && relevant && !item.trigger?.length && (!isShown(item) || isEmpty(value))) {
        let computed: AnswerValue;
        try {
          const v = evaluateValue(c.calculation, ctx(item.name, null), functions);
          computed = typeof v === 'boolean' ? (v ? 'true' : 'false') : (v as AnswerValue);
        } catch (e) {
          runtimeErrors.push({ item: item.name, message: e instanceof Error ? e.message : String(e) });
          computed = null;
        }
        value = typedValue(item, computed);
        if (isShown(item) && value !== null) state.computed = value;
      }
      const requiredNow = relevant && c.requiredIf !== undefined && conditionHolds(c.requiredIf, item.name);
      if (requiredNow) state.required = true;
      const required = !!item.required || requiredNow;
      if (relevant && c.readOnlyIf !== undefined && conditionHolds(c.readOnlyIf, item.name)) state.readOnly = true;
      // A filter that fails to run offers every choice (like relevance: an error never hides a choice).
      if (relevant && c.choiceFilter && item.choices) {
        const filter = c.choiceFilter;
        state.choices = (instrument.choiceLists[item.choices] ?? []).filter((ch) => safeBool(filter, item.name, undefined, ch)).map((ch) => ch.name);
      }
      if (relevant && isAnswerable(item)) {
        st.answerable++;
        if (!isEmpty(value)) {
          st.answered++;
          state.answered = true;
          const typeProblem = validateValue(instrument, item, value);
          if (typeProblem) {
            state.issue = 'type';
            state.detail = typeProblem;
          } else if (state.choices && !offered(value, state.choices)) {
            state.issue = 'choice';
          } else if (c.constraint && !safeBool(c.constraint, item.name, value)) {
            state.issue = 'constraint';
          }
        } else if (required) {
          state.issue = 'required';
        }
        if (state.issue) st.issues++;
      }
      // What analysis reads: nothing for an item that does not apply, nor for a value that is not a
      // valid answer to it (a draft's "abc" in a whole-number item stays in the answers, with its problem).
      effective[item.name] = relevant && state.issue !== 'type' ? value : null;
      items.set(item.name, state);
    }
    if (sectionRelevant) {
      answered += st.answered;
      answerable += st.answerable;
    }
    sections.push(st);
  });
  return { sections, items, effective, answered, answerable, runtimeErrors };
}

/**
 * A computed value as the item stores it: a number for integer, decimal and range (when it reads as
 * one), a list of codes for select_multiple and rank (space-separated in XPath), else as computed.
 */
export function typedValue(item: Item, value: AnswerValue): AnswerValue {
  if (value === null) return null;
  switch (item.type) {
    case 'integer':
    case 'decimal':
    case 'range': {
      if (typeof value === 'number') return value;
      const text = String(value).trim();
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : String(value);
    }
    case 'select_multiple':
    case 'rank': {
      const codes = Array.isArray(value) ? value : String(value).split(/\s+/).filter((c) => c !== '');
      return codes.length ? codes : null;
    }
    default:
      return value;
  }
}

/**
 * The hooks of EvalContext an instrument answers itself: its choice lists, their labels, its
 * version, its attachments.
 */
export function formHooks(compiled: CompiledInstrument, env: FormEnv): Partial<EvalContext> {
  const { instrument } = compiled;
  const lang = env.lang ?? instrument.languages[0] ?? 'en';
  const fallback = instrument.languages[0] ?? 'en';
  const items = new Map(instrument.sections.flatMap((s) => s.items.map((i) => [i.name, i] as const)));
  const hooks: Partial<EvalContext> = {
    language: lang,
    formVersion: instrument.studyVersion,
    // jr:choice-name(value, '${item}'): the label of a code of the item's list, in the session's language.
    choiceLabel: (itemName, code) => {
      const item = items.get(itemName);
      if (!item) return null;
      if (item.type === 'likert') {
        const scale = item.likert ? instrument.likertScales[item.likert] : undefined;
        const point = scale?.points.find((p) => String(p.value) === code);
        if (point) return localize(point.label, lang, fallback);
        const ns = scale?.nonSubstantive?.find((c) => c.name === code);
        return ns ? localize(ns.label, lang, fallback) : null;
      }
      const choice = (item.choices && Object.hasOwn(instrument.choiceLists, item.choices) ? instrument.choiceLists[item.choices] : undefined)?.find((c) => c.name === code);
      return choice ? localize(choice.label, lang, fallback) : null;
    },
    // instance('list')/root/item[...]: the form's choice lists are its secondary instances, as
    // pyxform writes them: each choice a row of its name, its label and its other columns.
    // An attached file (districts.csv is instance('districts')) comes first, as in ODK, where a
    // list of the choices sheet and a file of one name cannot both be.
    instance: (id) => {
      const attached = compiled.data(id);
      if (attached) return attached;
      if (!Object.hasOwn(instrument.choiceLists, id)) return null;
      return instrument.choiceLists[id]!.map((c) => {
        const row: Record<string, string> = Object.create(null) as Record<string, string>;
        if (c.attributes) for (const [k, v] of Object.entries(c.attributes)) row[k] = v;
        row.name = c.name;
        row.label = localize(c.label, lang, fallback);
        return row;
      });
    },
  };
  if (env.now !== undefined) hooks.now = env.now;
  return hooks;
}

/** random() and uuid() for one item, from the session's seed: the same draws every time it is computed. */
function seeded(seed: string, item: string): Pick<EvalContext, 'random' | 'newId'> {
  let state = fnv(`${seed}\u0000${item}`);
  const next = (): number => {
    // mulberry32: small, fast and good enough to draw from; never used for secrets.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => Math.floor(next() * 16 ** n).toString(16).padStart(n, '0');
  return {
    random: next,
    newId: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}-${hex(12)}`,
  };
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A choice's attributes as a filter reads them: its code as `name`, own properties only. */
function attributeOf(choice: Choice): (name: string) => string | null {
  return (name) => {
    if (name === 'name') return choice.name;
    return choice.attributes && Object.prototype.hasOwnProperty.call(choice.attributes, name) ? (choice.attributes[name] ?? null) : null;
  };
}

/** Whether every code of a select answer is offered ("Other (specify)" always is). */
function offered(value: AnswerValue, choices: readonly string[]): boolean {
  const codes = Array.isArray(value) ? value : [String(value)];
  return codes.every((code) => code === OTHER || choices.includes(code));
}
