/**
 * What the runner shows for a set of answers: which sections and items are relevant (skip logic),
 * calculated values, which answers break a required check or a constraint, and progress.
 *
 * Pure: the same instrument, answers and `today` give the same state, in the browser, a worker or Node.
 * Expressions are parsed once per instrument (`compileInstrument`) and evaluated by the interpreter
 * of ../expr; an expression that fails at run time makes its item relevant (a question is never hidden
 * by an error) and is reported in `runtimeErrors`.
 */
import { evaluateBoolean, evaluateValue, parseExpression, type Expr } from '../expr/index';
import type { Choice, Instrument, Item } from '../instrument/types';
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
}

/** `choice`: a code the item's choice filter does not offer now (an earlier answer it depended on changed). */
export type ItemIssue = 'required' | 'constraint' | 'type' | 'choice';

export interface ItemState {
  relevant: boolean;
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

export function compileInstrument(instrument: Instrument): CompiledInstrument {
  const items: CompiledInstrument['items'] = new Map();
  const sectionRelevant: (Expr | undefined)[] = [];
  instrument.sections.forEach((section, s) => {
    sectionRelevant.push(section.relevant ? parseExpression(section.relevant) : undefined);
    for (const item of section.items) {
      items.set(item.name, {
        item,
        section: s,
        relevant: item.relevant ? parseExpression(item.relevant) : undefined,
        constraint: item.constraint ? parseExpression(item.constraint) : undefined,
        calculation: item.calculation ? parseExpression(item.calculation) : undefined,
        choiceFilter: item.choiceFilter ? parseExpression(item.choiceFilter, { choiceAttributes: true }) : undefined,
        requiredIf: item.requiredIf ? parseExpression(item.requiredIf) : undefined,
        readOnlyIf: item.readOnlyIf ? parseExpression(item.readOnlyIf) : undefined,
        defaultExpression: item.defaultExpression ? parseExpression(item.defaultExpression) : undefined,
      });
    }
  });
  return { instrument, items, sectionRelevant };
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

export function computeFormState(
  compiled: CompiledInstrument,
  answers: Record<string, AnswerValue>,
  today: string,
): FormState {
  const effective: Record<string, AnswerValue> = {};
  const relevance = new Map<string, boolean>();
  const runtimeErrors: FormState['runtimeErrors'] = [];
  const get = (name: string): AnswerValue => {
    if (relevance.get(name) === false) return null;
    if (Object.prototype.hasOwnProperty.call(effective, name)) return effective[name] ?? null;
    return Object.prototype.hasOwnProperty.call(answers, name) ? (answers[name] ?? null) : null;
  };
  const safeBool = (expr: Expr, item: string, self?: AnswerValue, choice?: Choice): boolean => {
    try {
      return evaluateBoolean(expr, { get, today, self: self ?? null, ...(choice ? { choice: attributeOf(choice) } : {}) });
    } catch (e) {
      runtimeErrors.push({ item, message: e instanceof Error ? e.message : String(e) });
      return true;
    }
  };

  /** A required or read-only condition: one that fails to run does not hold (it never blocks). */
  const conditionHolds = (expr: Expr, item: string): boolean => {
    try {
      return evaluateBoolean(expr, { get, today, self: null });
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
          const v = evaluateValue(c.calculation, { get, today, self: null });
          computed = typeof v === 'boolean' ? (v ? 'true' : 'false') : (v as AnswerValue);
        } catch (e) {
          runtimeErrors.push({ item: item.name, message: e instanceof Error ? e.message : String(e) });
          computed = null;
        }
        value = typedValue(item, computed);
        if (isShown(item) && value !== null) state.computed = value;
      }
      effective[item.name] = relevant ? value : null;
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
