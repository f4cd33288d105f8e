/**
 * A repeat on the runner's screen (instrument format version 3, docs/instrument-format.md
 * "Repeats"): its instances as a list, each with its label; the open one shows its questions and its
 * own repeats (nested, drawn by this same component). A free repeat adds an instance (a new random
 * id, its marker saved like any answer) and removes one after an explicit confirmation (its marker
 * becomes null: the removal is a change the merge of two devices can see; the instance's answers
 * stay in the session). A counted or looped repeat follows its count or list: no add or remove.
 *
 * Loaded with the first section that has a repeat: forms without repeats never fetch it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { newInstanceId } from '../../app/ids';
import type { Repeat } from '../../core/instrument/repeats';
import { localize, type Instrument } from '../../core/instrument/types';
import { answerKey, instanceIdOf, instanceKey, type InstancePath } from '../../core/responses/answer-key';
import type { CompiledInstrument, FormState, InstanceState } from '../../core/responses/form-state';
import { markersOf, nextOrder, type FormNode } from '../../core/responses/repeat-instances';
import { fillReferences, referenceFiller } from '../../core/responses/label-values';
import type { AnswerValue } from '../../core/responses/types';
import { useApp } from '../context';
import type { RunnerState } from '../interviewer/useRunner';
import { ItemField } from './ItemField';
import { issueKeys, repeatHeading } from './repeat-issues';
import { INSTANCES_AT_ONCE, instanceWindow } from './instance-window';

export interface RepeatBlockProps {
  r: RunnerState;
  form: FormState;
  node: Extract<FormNode, { kind: 'repeat' }>;
  /** The instance the repeat stands in ([] at the top of a section). */
  parent: InstancePath;
  readOnly: boolean;
  notes: boolean;
  showIssues: boolean;
  /** An answer key (or a repeat's list key) to open and focus: the first issue when "Next" is refused. */
  focusKey?: string | undefined;
  /** Counts the times "Next" asked for `focusKey`: the same key asked again is focused again. */
  focusN?: number;
}

/** What an instance is called in its list: its instance label, its loop choice, or the repeat's label (its `${name}`s filled in). */
export function instanceTitle(ins: Instrument, compiled: CompiledInstrument, form: FormState, repeat: Repeat, inst: InstanceState, lang: string): string {
  if (inst.label) return inst.label;
  if (repeat.loop !== undefined) {
    const choice = (ins.choiceLists[repeat.loop] ?? []).find((c) => instanceIdOf(c.name) === inst.id);
    if (choice) return localize(choice.label, lang) || choice.name;
  }
  const label = localize(repeat.label, lang) || repeat.name;
  return fillReferences(label, compiled, form, inst.path, lang);
}

export function RepeatBlock(p: RepeatBlockProps) {
  const { t } = useApp();
  const { r, form, node, parent } = p;
  const repeat = node.repeat;
  const ins = r.study!.instrument;
  const compiled = r.compiled!;
  const lang = r.session!.lang;
  const listKey = answerKey(repeat.name, parent);
  const rs = form.repeats.get(listKey);
  const instances = rs?.instances ?? [];
  const free = repeat.count === undefined && repeat.loop === undefined;
  const depth = parent.length;
  const base = `rp-${listKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const holding = (key: string | undefined) => (key ? instances.find((i) => key.startsWith(`${instanceKey(i.path)}/`)) : undefined);
  // undefined: none chosen yet, the first instance is open (a counted repeat's first visit shows at once).
  const [open, setOpen] = useState<string | null | undefined>(() => holding(p.focusKey)?.id);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  /** Where the focus goes after the next drawing: an instance's first field, or the add button. */
  const focusNext = useRef<{ instance?: string; key?: string; add?: boolean; remove?: number; toggle?: number } | null>(null);
  /** The window of a long list drawn last (or asked for by "Show earlier/later", then drawn). */
  const drawn = useRef<{ start: number; end: number } | null>(null);
  const [, redraw] = useState(0);
  const show = (win: { start: number; end: number }, focus: number) => {
    drawn.current = win;
    focusNext.current = { toggle: focus };
    redraw((n) => n + 1);
  };
  const rootRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const inst = holding(p.focusKey);
    if (!inst) return;
    setOpen(inst.id);
    focusNext.current = { key: p.focusKey! };
  }, [p.focusKey, p.focusN]);

  // The question "Remove ...?" takes the focus once, when it is asked.
  useEffect(() => {
    if (confirming) rootRef.current?.querySelector<HTMLElement>('[data-testid="remove-yes"]')?.focus();
  }, [confirming]);

  // An open instance that is gone (removed here or on another device) closes.
  const shownOpen = open === undefined ? (instances[0]?.id ?? null) : instances.some((i) => i.id === open) ? open : null;

  useEffect(() => {
    const f = focusNext.current;
    if (!f || !rootRef.current) return;
    const root = rootRef.current;
    let target: HTMLElement | null = null;
    if (f.key) target = root.querySelector<HTMLElement>(`[data-item="${CSS.escape(f.key)}"] input, [data-item="${CSS.escape(f.key)}"] textarea, [data-item="${CSS.escape(f.key)}"] select`);
    else if (f.instance) {
      const panel = root.querySelector<HTMLElement>(`#${CSS.escape(`${base}-${f.instance}`)}`);
      target = panel?.querySelector<HTMLElement>('input, textarea, select, button') ?? panel ?? null;
    } else if (f.remove !== undefined) target = root.querySelector<HTMLElement>(`[data-testid="remove-${repeat.name}-${f.remove}"]`);
    else if (f.toggle !== undefined) target = root.querySelector<HTMLElement>(`[data-testid="open-${repeat.name}-${f.toggle}"]`);
    else if (f.add) target = root.querySelector<HTMLElement>(`[data-testid="add-${repeat.name}"]`) ?? root.querySelector<HTMLElement>('h2, h3, h4, h5, h6');
    if (!target) return; // not drawn yet (the answers are being computed): tried again next time
    focusNext.current = null;
    target.scrollIntoView?.({ block: 'center' });
    target.focus();
  });

  if (!rs || !rs.relevant) return null;

  const openIndex = shownOpen === null ? -1 : instances.findIndex((i) => i.id === shownOpen);
  const { start, end } = instanceWindow(instances.length, openIndex, drawn.current);
  drawn.current = { start, end };
  const windowed = start > 0 || end < instances.length;
  const titles = new Map(instances.slice(start, end).map((inst) => [inst.id, instanceTitle(ins, compiled, form, repeat, inst, lang)]));
  const plainLabel = repeatHeading(localize(repeat.label, lang), repeat.name);

  const add = () => {
    const values: Record<string, AnswerValue> = {};
    for (const [k, a] of r.answers) values[k] = a.value;
    const id = newInstanceId();
    const path = [...parent, { repeat: repeat.name, id }];
    r.setAnswer(instanceKey(path), { value: nextOrder(markersOf(values), repeat.name, parent) }, { debounce: false });
    setOpen(id);
    setSaid(t('repeatAdded', { label: plainLabel, n: instances.length + 1 }));
    focusNext.current = { instance: id };
  };
  const remove = (inst: InstanceState, title: string) => {
    r.setAnswer(instanceKey(inst.path), { value: null }, { debounce: false });
    setConfirming(null);
    if (open === inst.id) setOpen(null);
    setSaid(t('repeatRemoved', { title }));
    focusNext.current = { add: true };
  };

  const Heading = `h${Math.min(6, 2 + depth)}` as 'h2';
  const max = repeat.maxInstances;
  return (
    <section ref={rootRef} class={`repeat depth-${Math.min(depth, 3)}`} aria-labelledby={`${base}-h`} data-testid={`repeat-${repeat.name}`} data-count={instances.length}>
      <Heading id={`${base}-h`} tabIndex={-1}>
        {plainLabel}{' '}
        <span class="muted small">({instances.length})</span>
      </Heading>
      {repeat.hint && <p class="hint">{fillReferences(localize(repeat.hint, lang), compiled, form, parent, lang)}</p>}
      {!free && <p class="muted small">{t('repeatCounted')}</p>}
      {rs.issue === 'min' && (
        <p class={p.showIssues ? 'issue' : 'muted small'} role={p.showIssues ? 'alert' : undefined} data-testid={`min-${repeat.name}`}>
          {t('repeatMin', { n: repeat.minInstances ?? 0 })}
        </p>
      )}
      {instances.length === 0 && <p class="muted">{t('repeatNone')}</p>}
      {windowed && (
        <p class="muted small" id={`${base}-shown`} data-testid={`shown-${repeat.name}`}>
          {t('repeatShown', { from: start + 1, to: end, n: instances.length })}
        </p>
      )}
      {start > 0 && (
        <button
          type="button"
          class="link small"
          onClick={() => {
            const from = Math.max(0, start - INSTANCES_AT_ONCE * 4);
            show({ start: from, end }, from + 1);
          }}
          data-testid={`earlier-${repeat.name}`}
        >
          {t('repeatEarlier', { n: start })}
        </button>
      )}
      <ol class="instances" aria-label={t('repeatList', { label: plainLabel })} start={start + 1} aria-describedby={windowed ? `${base}-shown` : undefined}>
        {instances.slice(start, end).map((inst, j) => {
          const i = start + j;
          const title = titles.get(inst.id)!;
          const panelId = `${base}-${inst.id}`;
          const isOpen = shownOpen === inst.id;
          const issues = isOpen ? 0 : issueKeys(form, node.children, inst.path).length;
          return (
            <li key={inst.id} class={`instance ${isOpen ? 'open' : ''}`} data-testid={`instance-${repeat.name}-${i + 1}`} data-instance={inst.id}>
              <div class="instance-head row">
                <button
                  type="button"
                  class="instance-toggle"
                  aria-expanded={isOpen}
                  aria-controls={isOpen ? panelId : undefined}
                  onClick={() => {
                    setOpen(isOpen ? null : inst.id);
                    if (!isOpen) focusNext.current = { instance: inst.id };
                  }}
                  data-testid={`open-${repeat.name}-${i + 1}`}
                >
                  <span class="instance-n">{i + 1}.</span> <span data-testid={`title-${repeat.name}-${i + 1}`}>{title}</span>
                  {issues > 0 && <span class="issue small"> {t('repeatIssues', { n: issues })}</span>}
                </button>
                {free && rs.canRemove && !p.readOnly && confirming !== inst.id && (
                  <button type="button" class="btn small" onClick={() => setConfirming(inst.id)} aria-label={t('repeatRemoveOne', { title: `${i + 1}. ${title}` })} data-testid={`remove-${repeat.name}-${i + 1}`}>
                    {t('repeatRemove')}
                  </button>
                )}
              </div>
              {confirming === inst.id && (
                <div class="banner warn" role="alertdialog" aria-labelledby={`${panelId}-rm`}>
                  <p id={`${panelId}-rm`}>{t('repeatRemoveConfirm', { title: `${i + 1}. ${title}` })}</p>
                  <div class="row">
                    <button type="button" class="btn primary" onClick={() => remove(inst, title)} data-testid="remove-yes">
                      {t('repeatRemoveYes')}
                    </button>
                    <button
                      type="button"
                      class="btn"
                      onClick={() => {
                        setConfirming(null);
                        focusNext.current = { remove: i + 1 };
                      }}
                      data-testid="remove-no"
                    >
                      {t('cancel')}
                    </button>
                  </div>
                </div>
              )}
              {isOpen && (
                <div id={panelId} class="instance-body" role="group" aria-label={`${i + 1}. ${title}`}>
                  <Nodes {...p} nodes={node.children} path={inst.path} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {end < instances.length && (
        <button
          type="button"
          class="link small"
          onClick={() => show({ start, end: Math.min(instances.length, end + INSTANCES_AT_ONCE * 4) }, end + 1)}
          data-testid={`later-${repeat.name}`}
        >
          {t('repeatLater', { n: instances.length - end })}
        </button>
      )}
      {free && !p.readOnly && (
        <div class="row">
          {rs.canAdd ? (
            <button type="button" class="btn" onClick={add} data-testid={`add-${repeat.name}`}>
              + {t('repeatAdd', { label: plainLabel })}
            </button>
          ) : (
            max !== undefined && instances.length >= max && <p class="muted small">{t('repeatMax', { n: max })}</p>
          )}
        </div>
      )}
      <p class="sr-only" role="status" aria-live="polite">{said}</p>
    </section>
  );
}

/** An instance's questions and nested repeats. */
function Nodes(p: RepeatBlockProps & { nodes: readonly FormNode[]; path: InstancePath }) {
  const { t } = useApp();
  const { r, form } = p;
  const ins = r.study!.instrument;
  const lang = r.session!.lang;
  // The ${name}s of this instance's labels read its own answers (and those of the instances around it).
  const fill = referenceFiller(r.compiled!, form, p.path, lang);
  return (
    <>
      {p.nodes.map((n) => {
        if (n.kind === 'repeat') return <RepeatBlock key={`r:${n.repeat.name}`} {...p} node={n} parent={p.path} />;
        const key = answerKey(n.item.name, p.path);
        const state = form.items.get(key);
        if (!state?.relevant) return null;
        return (
          <ItemField
            key={`${key}:${r.versions.get(key) ?? 0}`}
            instrument={ins}
            // Ids, test ids and the radio group's name are the answer key's: two instances never share one.
            item={{ ...n.item, name: key }}
            lang={lang}
            answer={r.answers.get(key)}
            state={state}
            showIssue={p.showIssues || (state.issue !== 'required' && r.answers.has(key))}
            save={savedWithInstance(r, p.path, key)}
            disabled={p.readOnly}
            notes={p.notes}
            fill={fill}
            onChange={(patch, debounce) => r.setAnswer(key, patch, { debounce })}
            onFlush={() => void r.flush()}
            t={t}
          />
        );
      })}
    </>
  );
}

/**
 * An answer in an instance is "saved" only once the instance itself is durable too: its marker (and
 * those of the instances around it) written. Markers read from the database have no status: durable.
 */
function savedWithInstance(r: RunnerState, path: InstancePath, key: string): RunnerState['statuses'] extends Map<string, infer S> ? S | undefined : never {
  const own = r.statuses.get(key);
  if (own?.status !== 'saved') return own;
  for (let d = 1; d <= path.length; d++) {
    const marker = r.statuses.get(instanceKey(path.slice(0, d)));
    if (marker && marker.status !== 'saved') return { status: marker.status === 'error' ? 'error' : 'saving', ...(marker.error ? { error: marker.error } : {}) };
  }
  return own;
}

