/**
 * answersContext: an EvalContext over a plain record or a Map of answers.
 *
 * Only the record's own properties count, so `${__proto__}` or `${constructor}` reads as an
 * unanswered item, never as something inherited from Object.prototype.
 */
import type { AnswerValue } from '../responses/types';
import type { EvalContext } from './api';

export function answersContext(
  answers: ReadonlyMap<string, AnswerValue> | Readonly<Record<string, AnswerValue>>,
  today: string,
  self?: AnswerValue,
): EvalContext {
  const get =
    answers instanceof Map
      ? (name: string): AnswerValue => answers.get(name) ?? null
      : (name: string): AnswerValue => {
          const record = answers as Readonly<Record<string, AnswerValue>>;
          return Object.hasOwn(record, name) ? (record[name] ?? null) : null;
        };
  return self === undefined ? { get, today } : { get, today, self };
}
