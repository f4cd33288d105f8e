import { useEffect, useState } from 'preact/hooks';
import type { Instrument, Item } from '../../core/instrument/types';
import { localize } from '../../core/instrument/types';
import type { Answer, AnswerValue } from '../../core/responses/types';
import type { ItemState } from '../../core/responses/form-state';
import { OTHER } from '../../core/responses/validate-value';
import type { SaveStatus } from '../../app/answer-saver';
import type { MessageKey } from '../../app/i18n';
import { SaveMark } from './SaveMark';

export interface ItemFieldProps {
  instrument: Instrument;
  item: Item;
  lang: string;
  answer: Answer | undefined;
  state: ItemState | undefined;
  showIssue: boolean;
  save: { status: SaveStatus; error?: string } | undefined;
  disabled: boolean;
  /** The interviewer's screen: a note on every item (`item.note` opens the field) and the guidance; never for respondents. */
  notes?: boolean;
  onChange(patch: Partial<Omit<Answer, 'item' | 'at'>>, debounce: boolean): void;
  onFlush(): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

/** A question: label, hint, the input for its type, "Other (specify)", a note, and its save status. */
export function ItemField(p: ItemFieldProps) {
  const { item, lang, t } = p;
  if (item.type === 'calculate') return null;
  const id = `q-${item.name}`;
  const label = localize(item.label, lang);
  const hint = localize(item.hint, lang);
  // Guidance is for the interviewer and the researcher: never on a respondent's screen.
  const guidance = p.notes ? localize(item.guidance, lang) : '';
  const issue = p.showIssue ? p.state?.issue : undefined;
  const issueText =
    issue === 'required'
      ? localize(item.requiredMessage, lang) || t('requiredMissing')
      : issue === 'constraint'
        ? localize(item.constraintMessage, lang) || t('constraintFailed')
        : issue === 'type'
          ? t('typeInvalid', { detail: p.state?.detail ?? '' })
          : issue === 'choice'
            ? t('choiceFiltered')
            : '';
  const describedBy = [hint && `${id}-hint`, issueText && `${id}-err`].filter(Boolean).join(' ') || undefined;
  const isGroup = item.type === 'select_one' || item.type === 'select_multiple' || item.type === 'likert';

  if (item.type === 'note') {
    return (
      <div class="item note" data-item={item.name}>
        <p>{label}</p>
        {hint && <p class="hint">{hint}</p>}
        {guidance && <p class="guidance">{guidance}</p>}
      </div>
    );
  }

  const head = (
    <>
      <span class="label">
        {label}
        {item.required && <span class="req" title={t('required')}> *<span class="sr-only">{t('required')}</span></span>}
      </span>
      <span class="tags">
        {item.added && p.notes && <span class="badge">{t('addedItem')}</span>}
        {item.personal && <span class="badge warn">{t('personalData')}</span>}
      </span>
    </>
  );

  return (
    <div class={`item ${issue ? 'has-issue' : ''}`} data-item={item.name} data-testid={`item-${item.name}`}>
      {isGroup ? (
        <fieldset aria-describedby={describedBy} aria-invalid={issue ? true : undefined}>
          <legend>{head}</legend>
          {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
          {guidance && <p class="guidance" data-testid={`guidance-${item.name}`}>{guidance}</p>}
          <ChoiceInput {...p} />
        </fieldset>
      ) : (
        <>
          <label for={id} class="item-head">{head}</label>
          {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
          {guidance && <p class="guidance" data-testid={`guidance-${item.name}`}>{guidance}</p>}
          <ScalarInput {...p} id={id} describedBy={describedBy} invalid={!!issue} />
        </>
      )}
      {issueText && (
        <p class="issue" id={`${id}-err`} role="alert">{issueText}</p>
      )}
      <div class="item-foot">
        <SaveMark save={p.save} t={t} item={item.name} />
        {p.notes && <NoteField {...p} />}
      </div>
    </div>
  );
}

function ScalarInput(p: ItemFieldProps & { id: string; describedBy?: string; invalid: boolean }) {
  const { item, answer } = p;
  const value = answer?.value ?? null;
  const [raw, setRaw] = useState(value === null ? '' : String(value));
  // A value changed elsewhere (reload, another tab) replaces what is shown unless we are typing it.
  useEffect(() => {
    const v = value === null ? '' : String(value);
    if (v !== raw && !(item.type === 'integer' || item.type === 'decimal') ) setRaw(v);
  }, [value]);
  const common = {
    id: p.id,
    disabled: p.disabled || item.readOnly,
    'aria-describedby': p.describedBy,
    'aria-invalid': p.invalid ? true : undefined,
    'aria-required': item.required ? true : undefined,
    onBlur: () => p.onFlush(),
    'data-testid': `input-${item.name}`,
  };
  const onText = (s: string) => {
    setRaw(s);
    p.onChange({ value: s === '' ? null : s }, true);
  };
  switch (item.type) {
    case 'longtext':
      return <textarea {...common} rows={5} value={raw} onInput={(e) => onText((e.currentTarget as HTMLTextAreaElement).value)} />;
    case 'integer':
    case 'decimal':
      return (
        <input
          {...common}
          type="text"
          inputMode={item.type === 'integer' ? 'numeric' : 'decimal'}
          value={raw}
          onInput={(e) => {
            const s = (e.currentTarget as HTMLInputElement).value;
            setRaw(s);
            const trimmed = s.trim().replace(',', '.');
            if (trimmed === '') return p.onChange({ value: null }, true);
            const n = Number(trimmed);
            // Keep the text on screen; store a number only when it is one.
            if (/^-?\d+(\.\d+)?$/.test(trimmed) && Number.isFinite(n)) p.onChange({ value: n }, true);
            else p.onChange({ value: trimmed }, true);
          }}
        />
      );
    case 'date':
      return <input {...common} type="date" value={raw} onInput={(e) => onText((e.currentTarget as HTMLInputElement).value)} />;
    case 'time':
      return <input {...common} type="time" value={raw} onInput={(e) => onText((e.currentTarget as HTMLInputElement).value)} />;
    case 'acknowledge':
      return (
        <label class="choice">
          <input
            {...common}
            type="checkbox"
            checked={value === 'OK'}
            onChange={(e) => p.onChange({ value: (e.currentTarget as HTMLInputElement).checked ? 'OK' : null }, false)}
          />
          <span>{p.t('acknowledge')}</span>
        </label>
      );
    default:
      return <input {...common} type="text" value={raw} onInput={(e) => onText((e.currentTarget as HTMLInputElement).value)} />;
  }
}

function ChoiceInput(p: ItemFieldProps) {
  const { item, instrument, lang, answer, t } = p;
  const value: AnswerValue = answer?.value ?? null;
  const disabled = p.disabled || item.readOnly;
  let options: { code: string; label: string; point?: boolean }[];
  if (item.type === 'likert') {
    const scale = item.likert ? instrument.likertScales[item.likert] : undefined;
    options = [
      ...(scale?.points ?? []).map((pt) => ({ code: String(pt.value), label: localize(pt.label, lang), point: true })),
      ...(scale?.nonSubstantive ?? []).map((c) => ({ code: c.name, label: localize(c.label, lang) })),
    ];
  } else {
    options = (item.choices ? instrument.choiceLists[item.choices] ?? [] : []).map((c) => ({ code: c.name, label: localize(c.label, lang) }));
    if (item.other && !options.some((o) => o.code === OTHER)) options.push({ code: OTHER, label: t('otherSpecify') });
  }
  const multi = item.type === 'select_multiple';
  const selected = (code: string) => (Array.isArray(value) ? value.includes(code) : value === code);
  // A choice filter offers part of the list; a chosen code it no longer offers stays in view (with
  // the item's issue), so the answer is changed by the interviewer, never dropped behind their back.
  const offered = p.state?.choices;
  const withdrawn = (code: string) => offered !== undefined && code !== OTHER && !offered.includes(code);
  if (offered) options = options.filter((o) => !withdrawn(o.code) || selected(o.code));
  const order = options.map((o) => o.code);
  const toggle = (code: string, on: boolean) => {
    if (!multi) return p.onChange({ value: code }, false);
    const cur = Array.isArray(value) ? value : [];
    const next = on ? [...cur.filter((c) => c !== code), code] : cur.filter((c) => c !== code);
    next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    p.onChange({ value: next.length ? next : null }, false);
  };
  const otherChosen = item.other && selected(OTHER);
  return (
    <>
      <div class={item.type === 'likert' ? 'likert' : 'choices'} role={multi ? 'group' : 'radiogroup'}>
        {options.map((o) => (
          <label class={`choice ${o.point ? 'point' : ''} ${selected(o.code) ? 'on' : ''} ${withdrawn(o.code) ? 'withdrawn' : ''}`} key={o.code}>
            <input
              type={multi ? 'checkbox' : 'radio'}
              name={`q-${item.name}`}
              value={o.code}
              checked={selected(o.code)}
              disabled={disabled}
              onChange={(e) => toggle(o.code, (e.currentTarget as HTMLInputElement).checked)}
              data-testid={`opt-${item.name}-${o.code}`}
            />
            <span>
              {o.point && <b class="pt">{o.code}</b>} {o.label}
            </span>
          </label>
        ))}
      </div>
      {!multi && value !== null && !disabled && (
        <button type="button" class="link small" onClick={() => p.onChange({ value: null }, false)}>
          {t('clear')}
        </button>
      )}
      {otherChosen && <OtherText {...p} />}
    </>
  );
}

function OtherText(p: ItemFieldProps) {
  const [raw, setRaw] = useState(p.answer?.other ?? '');
  return (
    <label class="field other">
      <span class="label">{p.t('otherText')}</span>
      <input
        type="text"
        value={raw}
        disabled={p.disabled}
        onInput={(e) => {
          const s = (e.currentTarget as HTMLInputElement).value;
          setRaw(s);
          p.onChange({ other: s }, true);
        }}
        onBlur={() => p.onFlush()}
        data-testid={`other-${p.item.name}`}
      />
    </label>
  );
}

function NoteField(p: ItemFieldProps) {
  const [open, setOpen] = useState(!!p.answer?.note || !!p.item.note);
  const [raw, setRaw] = useState(p.answer?.note ?? '');
  if (!open)
    return (
      <button type="button" class="link small" onClick={() => setOpen(true)} data-testid={`add-note-${p.item.name}`} disabled={p.disabled}>
        {p.t('addNote')}
      </button>
    );
  return (
    <label class="field note-field">
      <span class="label small">{p.t('note')}</span>
      <textarea
        rows={2}
        value={raw}
        disabled={p.disabled}
        onInput={(e) => {
          const s = (e.currentTarget as HTMLTextAreaElement).value;
          setRaw(s);
          p.onChange({ note: s }, true);
        }}
        onBlur={() => p.onFlush()}
        data-testid={`note-${p.item.name}`}
      />
    </label>
  );
}
