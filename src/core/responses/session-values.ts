/**
 * Values a session records by itself, not from a person: metadata (XLSForm's start, end, today,
 * deviceid, username, instanceID, instanceName...), defaults (fixed and computed, such as `today()`),
 * and what a trigger sets when the answer it watches changes.
 *
 * Pure: the facts that vary (the time, the device, the interviewer, the session's id) are passed in;
 * the app stores what these functions return as answers (src/app/dala.ts). Each function returns
 * only the items it has a value for, by item name.
 */
import { evaluateValue } from '../expr/index';
import { allItems, type Instrument, type Item } from '../instrument/types';
import type { CompiledInstrument } from './form-state';
import { computeFormState, formHooks, isEmpty, typedValue } from './form-state';
import type { AnswerValue } from './types';

/** What the device knows at a moment of the session. */
export interface SessionFacts {
  /** The moment, as an ISO date-time ("2024-05-01T09:30:00.000Z"). */
  now: string;
  /** The device's local date of that moment (yyyy-mm-dd). */
  today: string;
  /** This device's id (Dala's own random id, not a hardware id). */
  deviceId: string;
  /** The interviewer (the session's `interviewer`; "self" for a respondent alone). */
  username: string;
  /** The session's id. */
  sessionId: string;
}

/**
 * The values to record when a session starts: metadata known then (start, today, deviceid, username,
 * instanceID), then each item's default, a computed one (`defaultExpression`) evaluated over what is
 * known so far. An expression that fails gives no value. Items in a repeat do not exist (Dala has no
 * repeats), so "first load" is the start.
 */
export function startValues(compiled: CompiledInstrument, facts: SessionFacts): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const { item } of allItems(compiled.instrument)) {
    const meta = item.type === 'meta' ? metaAtStart(item, facts) : undefined;
    if (meta !== undefined) out[item.name] = meta;
  }
  // A default may read the form's data (pulldata('prices', 'price', 'item', 'rice')).
  const hooks = formHooks(compiled, {});
  for (const { item } of allItems(compiled.instrument)) {
    if (item.type === 'meta' || Object.hasOwn(out, item.name)) continue;
    const expr = compiled.items.get(item.name)?.defaultExpression;
    let value: AnswerValue = null;
    if (expr) {
      try {
        value = typedValue(item, evaluateValue(expr, { ...hooks, get: (name) => (Object.hasOwn(out, name) ? (out[name] ?? null) : null), today: facts.today, self: null }, compiled.functions));
      } catch {
        value = null;
      }
    } else if (item.default !== undefined) value = fixedDefault(item, item.default);
    if (!isEmpty(value)) out[item.name] = value;
  }
  return out;
}

/**
 * The values to record when a session is completed: `end`, and the record's name (`instanceName`,
 * computed over the answers given).
 */
export function completionValues(compiled: CompiledInstrument, answers: Record<string, AnswerValue>, facts: SessionFacts): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  let state: ReturnType<typeof computeFormState> | undefined;
  for (const { item } of allItems(compiled.instrument)) {
    if (item.type !== 'meta') continue;
    if (item.meta === 'end') out[item.name] = facts.now;
    else if (item.meta === 'instanceName') {
      state ??= computeFormState(compiled, answers, facts.today);
      const name = state.effective[item.name] ?? null;
      if (!isEmpty(name)) out[item.name] = name;
    }
  }
  return out;
}

/**
 * XLSForm's trigger: when `changed` was answered, each item whose `trigger` names it takes the value
 * of its calculation (over the answers as they are now), or is cleared when it has none.
 */
export function triggeredValues(
  compiled: CompiledInstrument,
  answers: Record<string, AnswerValue>,
  changed: string,
  today: string,
): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  let state: ReturnType<typeof computeFormState> | undefined;
  for (const { item, calculation } of compiled.items.values()) {
    if (!item.trigger?.includes(changed)) continue;
    if (!calculation) {
      out[item.name] = null;
      continue;
    }
    state ??= computeFormState(compiled, answers, today);
    const effective = state.effective;
    try {
      out[item.name] = typedValue(item, evaluateValue(calculation, { get: (name) => (Object.hasOwn(effective, name) ? (effective[name] ?? null) : null), today, self: null }, compiled.functions));
    } catch {
      out[item.name] = null;
    }
  }
  return out;
}

/** The values the instrument's `meta` items record at the start, by kind (undefined: not at the start). */
function metaAtStart(item: Item, facts: SessionFacts): AnswerValue | undefined {
  switch (item.meta) {
    case 'start':
      return facts.now;
    case 'today':
      return facts.today;
    case 'deviceid':
      return facts.deviceId;
    case 'username':
      return facts.username;
    case 'instanceID':
      return `uuid:${facts.sessionId}`;
    default:
      return undefined;
  }
}

/** A fixed default as the item stores it ("30" -> 30 for an integer, "a b" -> ["a", "b"]). */
export function fixedDefault(item: Item, text: string): AnswerValue {
  return typedValue(item, text);
}

/** Whether an instrument records anything by itself at the start (so the app need not look otherwise). */
export function recordsAtStart(instrument: Instrument): boolean {
  return allItems(instrument).some(({ item }) => item.type === 'meta' || item.default !== undefined || item.defaultExpression !== undefined);
}
