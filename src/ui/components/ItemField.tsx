import { Markup } from './Markup';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Instrument, Item, LabelMedia as LabelMediaSet } from '../../core/instrument/types';
import { localize } from '../../core/instrument/types';
import type { Answer, AnswerValue } from '../../core/responses/types';
import type { ItemState } from '../../core/responses/form-state';
import { OTHER } from '../../core/responses/validate-value';
import type { SaveStatus } from '../../app/answer-saver';
import type { MessageKey } from '../../app/i18n';
import { LabelMedia } from './LabelMedia';
import { Lazy } from './Lazy';
import { SaveMark } from './SaveMark';
import type { RangeInputProps, RankInputProps } from './fields';
import type { MediaFieldProps } from './MediaField';
import { isMediaType } from '../../core/media/kinds';
import type { GeoInputProps } from './GeoInput';

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
  /**
   * Fills the `${name}`s of the label, hint, guidance and choice labels with the answers they name
   * (core/responses/label-values.ts, for the instance the item is in). Absent: texts as written.
   */
  fill?: (text: string) => string;
  onChange(patch: Partial<Omit<Answer, 'item' | 'at'>>, debounce: boolean): void;
  onFlush(): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The session answered (media items store their files under it); none in a preview. */
  sessionId?: string;
}

const asWritten = (text: string) => text;

/** Items never drawn: their values are computed, set at the start or recorded by the device. */
const UNSHOWN: ReadonlySet<Item['type']> = new Set(['calculate', 'hidden', 'meta']);
/** Version 3, location: drawn by ./GeoInput.tsx, loaded when first needed. */
const LOCATION: ReadonlySet<Item['type']> = new Set(['geopoint', 'geotrace', 'geoshape']);
/** Items drawn as a group of options (a fieldset with a legend). */
const GROUPED: ReadonlySet<Item['type']> = new Set(['select_one', 'select_multiple', 'likert', 'rank']);

/** The item's appearance words, in lower case ("minimal", "columns-3", ...). */
export const appearanceOf = (item: Item): string[] => (item.appearance ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '');

/** A question: label, hint, the input for its type, "Other (specify)", a note, and its save status. */
export function ItemField(p: ItemFieldProps) {
  const { item, lang, t } = p;
  if (UNSHOWN.has(item.type)) return null;
  // A condition in required or read_only holds now (the form state says so).
  const required = item.required || p.state?.required === true;
  const q: ItemFieldProps = item.readOnly || !p.state?.readOnly ? p : { ...p, item: { ...item, readOnly: true } };
  const id = `q-${item.name}`;
  const fill = p.fill ?? asWritten;
  // Emphasis is read from the texts as written, then each run of text is filled: an answer is never read as markup.
  const label = localize(item.label, lang);
  const hint = localize(item.hint, lang);
  // Guidance is for the interviewer and the researcher: never on a respondent's screen.
  const guidance = p.notes ? fill(localize(item.guidance, lang)) : '';
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
  const isGroup = GROUPED.has(item.type);

  if (item.type === 'note') {
    return (
      <div class="item note" data-item={item.name}>
        <p><Markup text={label} fill={p.fill} /></p>
        <LabelMedia instrument={p.instrument} media={item.media} lang={lang} alt={label} testid={`media-${item.name}`} />
        {hint && <p class="hint"><Markup text={hint} fill={p.fill} /></p>}
        {guidance && <Guidance text={guidance} t={t} />}
      </div>
    );
  }

  const head = (
    <>
      <span class="label">
        <Markup text={label} fill={p.fill} />
        {required && <span class="req" title={t('required')}> *<span class="sr-only">{t('required')}</span></span>}
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
          <LabelMedia instrument={p.instrument} media={item.media} lang={lang} alt={label} testid={`media-${item.name}`} />
          {hint && <p class="hint" id={`${id}-hint`}><Markup text={hint} fill={p.fill} /></p>}
          {guidance && <Guidance text={guidance} t={t} testid={`guidance-${item.name}`} />}
          {item.type === 'rank' ? (
            <Lazy<RankInputProps> load={() => import('./fields').then((m) => m.RankInput)} props={{ ...q, id }} />
          ) : (
            <ChoiceInput {...q} />
          )}
        </fieldset>
      ) : (
        <>
          <label for={id} class="item-head">{head}</label>
          <LabelMedia instrument={p.instrument} media={item.media} lang={lang} alt={label} testid={`media-${item.name}`} />
          {hint && <p class="hint" id={`${id}-hint`}><Markup text={hint} fill={p.fill} /></p>}
          {guidance && <Guidance text={guidance} t={t} testid={`guidance-${item.name}`} />}
          {item.type === 'range' ? (
            <Lazy<RangeInputProps> load={() => import('./fields').then((m) => m.RangeInput)} props={{ ...q, id, describedBy, invalid: !!issue }} />
          ) : isMediaType(item.type) ? (
            p.sessionId !== undefined && <Lazy<MediaFieldProps> load={() => import('./MediaField').then((m) => m.MediaField)} props={{ ...q, id, sessionId: p.sessionId }} />
          ) : LOCATION.has(item.type) ? (
            <Lazy<GeoInputProps> load={() => import('./GeoInput').then((m) => m.GeoInput)} props={{ ...q, id, describedBy, invalid: !!issue }} />
          ) : (
            <ScalarInput {...q} id={id} describedBy={describedBy} invalid={!!issue} />
          )}
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

/** XLSForm's guidance_hint: for the interviewer, folded until asked for. */
/** Guidance for the interviewer (never on a respondent's screen: the caller shows it only on the interviewer's). */
function Guidance(p: { text: string; t: ItemFieldProps['t']; testid?: string }) {
  return (
    <details class="guidance" data-testid={p.testid}>
      <summary>{p.t('guidance')}</summary>
      <p>{p.text}</p>
    </details>
  );
}

/** The text shown for a stored value: a date from month-year or year appearances shows as written. */
function shownText(item: Item, value: AnswerValue, words: string[]): string {
  if (value === null) return '';
  const s = String(value);
  if (item.type === 'date' && words.includes('year')) return s.slice(0, 4);
  if (item.type === 'date' && words.includes('month-year')) return s.slice(0, 7);
  return s;
}

function ScalarInput(p: ItemFieldProps & { id: string; describedBy?: string; invalid: boolean }) {
  const { item, answer } = p;
  const words = appearanceOf(item);
  // A question with a calculation and no answer of its own stands at the computed value.
  const value = answer?.value ?? p.state?.computed ?? null;
  const [raw, setRaw] = useState(shownText(item, value, words));
  // A value changed elsewhere (reload, another tab, a calculation) replaces what is shown unless we are typing it.
  useEffect(() => {
    const v = shownText(item, value, words);
    if (v !== raw && !(item.type === 'integer' || item.type === 'decimal')) setRaw(v);
  }, [value]);
  const common = {
    id: p.id,
    disabled: p.disabled || item.readOnly,
    'aria-describedby': p.describedBy,
    'aria-invalid': p.invalid ? true : undefined,
    'aria-required': item.required || p.state?.required ? true : undefined,
    onBlur: () => p.onFlush(),
    // Never kept by the browser: no autofill of one respondent's answers into another's session, and
    // no copy in the browser's own files (Chromium keeps a page's form fields for its restored tabs).
    autocomplete: 'off',
    'data-testid': `input-${item.name}`,
  };
  const onText = (s: string, stored = s) => {
    setRaw(s);
    p.onChange({ value: s === '' ? null : stored }, true);
  };
  const text = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  switch (item.type) {
    case 'longtext':
      return <textarea {...common} rows={5} value={raw} onInput={(e) => onText((e.currentTarget as HTMLTextAreaElement).value)} />;
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'number' ? value : null;
      return (
        <>
          <input
            {...common}
            type="text"
            inputMode={item.type === 'integer' ? 'numeric' : 'decimal'}
            value={raw}
            onInput={(e) => {
              const s = text(e);
              setRaw(s);
              const trimmed = s.trim().replace(',', '.');
              if (trimmed === '') return p.onChange({ value: null }, true);
              const n = Number(trimmed);
              // Keep the text on screen; store a number only when it is one.
              if (/^-?\d+(\.\d+)?$/.test(trimmed) && Number.isFinite(n)) p.onChange({ value: n }, true);
              else p.onChange({ value: trimmed }, true);
            }}
          />
          {words.includes('thousands-sep') && n !== null && Math.abs(n) >= 1000 && <p class="muted small" aria-live="polite">{n.toLocaleString(p.lang)}</p>}
        </>
      );
    }
    case 'date':
      if (words.includes('year')) {
        return <input {...common} type="text" inputMode="numeric" maxLength={4} placeholder="yyyy" value={raw} onInput={(e) => onText(text(e), /^\d{4}$/.test(text(e)) ? `${text(e)}-01-01` : text(e))} />;
      }
      if (words.includes('month-year')) return <input {...common} type="month" value={raw} onInput={(e) => onText(text(e), `${text(e)}-01`)} />;
      if (words.includes('no-calendar')) return <input {...common} type="text" inputMode="numeric" placeholder="yyyy-mm-dd" value={raw} onInput={(e) => onText(text(e))} />;
      return <input {...common} type="date" value={raw} onInput={(e) => onText(text(e))} />;
    case 'time':
      return <input {...common} type="time" value={raw} onInput={(e) => onText(text(e))} />;
    case 'datetime':
      if (words.includes('no-calendar')) return <input {...common} type="text" placeholder="yyyy-mm-ddTHH:MM" value={raw} onInput={(e) => onText(text(e))} />;
      return <input {...common} type="datetime-local" value={raw.slice(0, 16)} onInput={(e) => onText(text(e))} />;
    case 'barcode':
      // No camera decoder in a browser we can rely on: the code is typed (or typed by a scanner).
      return <input {...common} type="text" placeholder={p.t('barcodeTyped')} value={raw} onInput={(e) => onText(text(e))} />;
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
      return <input {...common} type="text" inputMode={words.includes('numbers') ? 'numeric' : undefined} value={raw} onInput={(e) => onText(text(e))} />;
  }
}

/** Choices drawn at most at once in a searched list: a list of 5,000 unions stays fast. */
const SHOWN_AT_ONCE = 20;
/** A list longer than this is searched, whatever its appearance. */
const SEARCHED_FROM = 100;

/** Layout class of a list of choices from its appearance (horizontal, columns-N, likert, ...). */
function layoutOf(item: Item, words: string[]): { cls: string; style?: Record<string, string> } {
  if (item.type === 'likert' || words.includes('likert')) return { cls: 'likert' };
  const columns = words.map((w) => /^columns-([1-9][0-9]?)$/.exec(w)?.[1]).find(Boolean);
  if (columns) return { cls: 'choices columns', style: { '--columns': columns } };
  if (words.includes('columns') || words.includes('columns-pack')) return { cls: 'choices columns' };
  if (words.includes('horizontal-compact') || words.includes('compact')) return { cls: 'choices horizontal compact' };
  if (words.includes('horizontal')) return { cls: 'choices horizontal' };
  if (words.includes('label') || words.includes('list-nolabel') || words.includes('list')) return { cls: 'choices horizontal grid-row' };
  return { cls: 'choices' };
}

function ChoiceInput(p: ItemFieldProps) {
  const { item, instrument, lang, answer, t } = p;
  const value: AnswerValue = answer?.value ?? p.state?.computed ?? null;
  const disabled = p.disabled || item.readOnly;
  const words = appearanceOf(item);
  // Choice labels that name answers (`${name}`) are filled; the search index follows them only then.
  let named = false;
  const fill = (text: string) => {
    if (!p.fill || !text.includes('${')) return text;
    named = true;
    return p.fill(text);
  };
  let options: { code: string; label: string; point?: boolean; media?: LabelMediaSet }[];
  if (item.type === 'likert') {
    const scale = item.likert ? instrument.likertScales[item.likert] : undefined;
    options = [
      ...(scale?.points ?? []).map((pt) => ({ code: String(pt.value), label: fill(localize(pt.label, lang)), point: true })),
      ...(scale?.nonSubstantive ?? []).map((c) => ({ code: c.name, label: fill(localize(c.label, lang)) })),
    ];
  } else {
    options = (item.choices ? instrument.choiceLists[item.choices] ?? [] : []).map((c) => ({ code: c.name, label: fill(localize(c.label, lang)), ...(c.media ? { media: c.media } : {}) }));
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
    if (!multi) {
      p.onChange({ value: code }, false);
      // quick: on to the next question once one is chosen.
      if (words.includes('quick')) requestAnimationFrame(() => focusNextItem(item.name));
      return;
    }
    const cur = Array.isArray(value) ? value : [];
    const next = on ? [...cur.filter((c) => c !== code), code] : cur.filter((c) => c !== code);
    next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    p.onChange({ value: next.length ? next : null }, false);
  };
  const searched = words.includes('minimal') || words.includes('autocomplete') || words.includes('search-free') || options.length > SEARCHED_FROM;
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(SHOWN_AT_ONCE);
  // Labels in lower case once per list, so a keystroke is one pass of includes() over them.
  const folded = useMemo(() => options.map((o) => `${o.label}\u0000${o.code}`.toLowerCase()), [options.length, item.choices, lang, offered, named ? options.map((o) => o.label).join('\u0001') : '']);
  let shown = options;
  let more = 0;
  let matching = options.length;
  if (searched) {
    const q = query.trim().toLowerCase();
    const matches: typeof options = [];
    options.forEach((o, i) => {
      if (selected(o.code) || !q || folded[i]!.includes(q)) matches.push(o);
    });
    // The chosen ones first, so they stay in view whatever is searched.
    matches.sort((a, b) => Number(selected(b.code)) - Number(selected(a.code)));
    shown = matches.slice(0, limit);
    more = matches.length - shown.length;
    matching = matches.length;
  }
  const layout = searched ? { cls: 'choices' } : layoutOf(item, words);
  const noLabels = words.includes('list-nolabel');
  const labelsOnly = words.includes('label');
  const otherChosen = item.other && selected(OTHER);
  return (
    <>
      {searched && (
        <input
          type="search"
          autocomplete="off"
          class="choice-search"
          placeholder={t('searchChoices')}
          aria-label={t('searchChoices')}
          value={query}
          disabled={disabled}
          onInput={(e) => {
            setQuery((e.currentTarget as HTMLInputElement).value);
            setLimit(SHOWN_AT_ONCE);
          }}
          aria-controls={`choices-${item.name}`}
          data-testid={`search-${item.name}`}
        />
      )}
      {searched && query.trim() !== '' && (
        // Said to a screen reader as the list narrows: how many choices the search leaves.
        <p class="sr-only" aria-live="polite" data-testid={`matching-${item.name}`}>
          {t('choicesMatch', { n: matching })}
        </p>
      )}
      <div class={layout.cls} style={layout.style} role={multi ? 'group' : 'radiogroup'} id={`choices-${item.name}`}>
        {shown.map((o) => (
          <label class={`choice ${o.point ? 'point' : ''} ${selected(o.code) ? 'on' : ''} ${withdrawn(o.code) ? 'withdrawn' : ''}`} key={o.code}>
            {!labelsOnly && (
              <input
                type={multi ? 'checkbox' : 'radio'}
                autocomplete="off"
                name={`q-${item.name}`}
                value={o.code}
                checked={selected(o.code)}
                disabled={disabled}
                onChange={(e) => toggle(o.code, (e.currentTarget as HTMLInputElement).checked)}
                data-testid={`opt-${item.name}-${o.code}`}
              />
            )}
            {o.media && <LabelMedia instrument={instrument} media={o.media} lang={lang} alt={o.label} testid={`media-${item.name}-${o.code}`} />}
            {/* A choice shown by its picture alone: its name is for screen readers (the picture's alt says it too). */}
            <span class={noLabels || (o.media?.image && o.label === o.code) ? 'sr-only' : undefined}>
              {o.point && <b class="pt">{o.code}</b>} {o.label}
            </span>
          </label>
        ))}
      </div>
      {searched && shown.length === 0 && <p class="muted small">{t('noMatch')}</p>}
      {more > 0 && (
        <button type="button" class="link small" onClick={() => setLimit((n) => n + SHOWN_AT_ONCE * 4)} data-testid={`more-${item.name}`}>
          {t('moreChoices', { n: more })}
        </button>
      )}
      {!multi && value !== null && !disabled && !labelsOnly && (
        <button type="button" class="link small" onClick={() => p.onChange({ value: null }, false)}>
          {t('clear')}
        </button>
      )}
      {otherChosen && <OtherText {...p} />}
    </>
  );
}

/** Moves the focus to the first input of the question after `name` (XLSForm's quick appearance). */
function focusNextItem(name: string): void {
  const items = [...document.querySelectorAll<HTMLElement>('[data-item]')];
  const at = items.findIndex((el) => el.dataset.item === name);
  items
    .slice(at + 1)
    .map((el) => el.querySelector<HTMLElement>('input, textarea, select, button'))
    .find((el) => el !== null)
    ?.focus();
}

function OtherText(p: ItemFieldProps) {
  const [raw, setRaw] = useState(p.answer?.other ?? '');
  return (
    <label class="field other">
      <span class="label">{p.t('otherText')}</span>
      <input
        type="text"
        autocomplete="off"
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
  const [open, setOpen] = useState(!!p.answer?.note);
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
        autocomplete="off"
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
