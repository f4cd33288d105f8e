/**
 * Qualitative coding (docs/coding.md): the study's codebook, the text of one respondent's answers and
 * notes where the researcher selects words and assigns codes, and the code view (./CodeView.tsx).
 * The logic lives in src/app/coding.ts and src/core/coding/.
 */
import { useEffect, useState } from 'preact/hooks';
import { allItems, localize, type Instrument } from '../../core/instrument/types';
import { textSources, sourceKey, type TextSource } from '../../core/coding/sources';
import type { CodingService, CodingView } from '../../app/coding';
import type { StudyRecord } from '../../app/model';
import type { CodeRecord, PassageRecord } from '../../core/coding/types';
import { useApp } from '../context';
import { CodeView } from './CodeView';

interface Picked {
  source: string;
  start: number;
  end: number;
  text: string;
}

export function Coding(p: { studyId: string; studyVersion: string }) {
  const { app, t } = useApp();
  const [study, setStudy] = useState<StudyRecord | null>(null);
  const [service, setService] = useState<CodingService | null>(null);
  const [view, setView] = useState<CodingView | null>(null);
  const [respondent, setRespondent] = useState('');
  const [groupBy, setGroupBy] = useState<string | null>(null);
  const [picked, setPicked] = useState<Picked | null>(null);

  const ins = study?.instrument;
  const group = groupBy ?? (ins && allItems(ins).some(({ item }) => item.name === 'sector' && item.type === 'select_one') ? 'sector' : '');
  const reload = async (s = service) => {
    if (!s) return;
    setView(await s.view(p.studyId, p.studyVersion, group));
  };
  useEffect(() => {
    void (async () => {
      setStudy((await app.getStudy(p.studyId, p.studyVersion)) ?? null);
      const s = await app.coding();
      setService(s);
    })();
  }, [p.studyId, p.studyVersion]);
  useEffect(() => void reload(), [service, group]);

  // The selection, kept while the researcher moves to a code button.
  useEffect(() => {
    const onChange = () => {
      const sel = document.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
      const range = sel.getRangeAt(0);
      const el = range.startContainer.parentElement?.closest<HTMLElement>('.coding-text');
      if (!el || el !== range.endContainer.parentElement?.closest('.coding-text') || !el.firstChild) return;
      const start = Math.min(range.startOffset, range.endOffset);
      const end = Math.max(range.startOffset, range.endOffset);
      if (end > start) setPicked({ source: el.dataset.source!, start, end, text: el.textContent!.slice(start, end) });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);

  if (!ins || !view || !service) return <p>{t('resLoading')}</p>;
  const lang = ins.languages[0] ?? 'en';
  const responses = [...view.responses].sort((a, b) => a.respondentCode.localeCompare(b.respondentCode));
  const response = responses.find((r) => r.id === respondent) ?? responses[0];
  const sources = response ? textSources(ins, response) : [];

  const apply = async (code: CodeRecord) => {
    const source = sources.find((s) => sourceKey(s.ref) === picked?.source);
    if (!picked || !source || !response) return;
    await service.codePassage({ studyId: p.studyId, responseId: response.id, source: source.ref, text: source.text, start: picked.start, end: picked.end, codes: [code.id], by: (await app.deviceInfo()).label ?? 'researcher' });
    setPicked(null);
    document.getSelection()?.removeAllRanges();
    await reload();
  };

  return (
    <section class="coding" data-testid="coding">
      <h1>
        {t('coding')}: {localize(ins.title, lang)}
      </h1>
      <p class="hint">{t('codingHint')}</p>
      <CodebookPanel codes={view.codebook.codes} onSave={async (c) => (await service.saveCode(p.studyId, c), reload())} />
      <label class="field">
        <span class="label">{t('codingRespondent')}</span>
        <select value={response?.id ?? ''} onChange={(e) => setRespondent((e.currentTarget as HTMLSelectElement).value)} data-testid="coding-respondent">
          {responses.map((r) => (
            <option key={r.id} value={r.id}>
              {r.respondentCode}
            </option>
          ))}
        </select>
      </label>
      <div class="coding-apply" role="group" aria-label={t('codeSelection')}>
        <span>{picked ? t('codingSelected', { text: picked.text }) : t('codingSelect')}</span>{' '}
        {view.codebook.codes.map((c) => (
          <button key={c.id} type="button" class="btn small code-chip" style={{ borderColor: c.color }} disabled={!picked} onMouseDown={(e) => e.preventDefault()} onClick={() => void apply(c)} data-testid={`apply-code-${c.name}`}>
            {c.name}
          </button>
        ))}
      </div>
      {sources.length === 0 && <p class="muted">{t('codingNoText')}</p>}
      {sources.map((s) => (
        <SourceBlock key={sourceKey(s.ref)} ins={ins} lang={lang} source={s} view={view} responseId={response!.id} onRemove={async (passage) => {
          await service.setPassageCodes(passage, []);
          await reload();
        }} />
      ))}
      <CodeView view={view} ins={ins} groupBy={group} onGroupBy={setGroupBy} csv={() => service.passagesCsv(view)} />
    </section>
  );
}

function SourceBlock(p: { ins: Instrument; lang: string; source: TextSource; view: CodingView; responseId: string; onRemove: (passage: PassageRecord) => void }) {
  const { t } = useApp();
  const key = sourceKey(p.source.ref);
  const item = p.source.item ? allItems(p.ins).find((x) => x.item.name === p.source.item)?.item : undefined;
  const kind = p.source.ref.kind === 'note' ? ` (${t('sourceNote')})` : p.source.ref.kind === 'other' ? ` (${t('sourceOther')})` : '';
  const mine = p.view.passages.filter((x) => x.response.id === p.responseId && sourceKey(x.passage.source) === key);
  return (
    <div class="coding-source" data-source={key}>
      <h3 class="small">
        {p.source.instance && `${p.source.instance}: `}
        {item ? localize(item.label, p.lang) : key}
        {kind}
      </h3>
      <p class="coding-text" data-source={key} data-testid={`source-${key}`}>
        {p.source.text}
      </p>
      <ul class="coding-passages">
        {mine.map((x) => (
          <li key={x.passage.id} data-testid="passage">
            «{x.text}» —{' '}
            {x.passage.codes.map((c) => (
              <span key={c} class="code-chip" style={{ borderColor: p.view.codebook.byId.get(c)?.color }}>
                {p.view.codebook.byId.get(c)?.name ?? c}
              </span>
            ))}
            {x.at.status === 'lost' && <span class="badge">{t('codingLost')}</span>}
            {x.conflict && <span class="badge">{t('codingConflict')}</span>}{' '}
            <button type="button" class="link small" onClick={() => p.onRemove(x.passage)}>
              {t('codingRemove')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function CodebookPanel(p: { codes: CodeRecord[]; onSave: (c: { name: string; description?: string; color: string; parent?: string }) => void }) {
  const { t } = useApp();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [color, setColor] = useState('#17becf');
  const [parent, setParent] = useState('');
  const depth = (c: CodeRecord): number => (c.parent ? 1 + depth(p.codes.find((x) => x.id === c.parent) ?? { ...c, parent: undefined } as CodeRecord) : 0);
  return (
    <details class="codebook" open>
      <summary>{t('codebook')}</summary>
      <ul data-testid="codebook">
        {p.codes.map((c) => (
          <li key={c.id} style={{ marginInlineStart: `${depth(c)}em` }}>
            <span class="code-chip" style={{ borderColor: c.color }}>{c.name}</span> <span class="muted small">{c.description}</span>
          </li>
        ))}
      </ul>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          p.onSave({ name, color, ...(description ? { description } : {}), ...(parent ? { parent } : {}) });
          setName('');
          setDescription('');
        }}
      >
        <input aria-label={t('codeName')} placeholder={t('codeName')} value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} data-testid="code-name" />
        <input aria-label={t('codeDescription')} placeholder={t('codeDescription')} value={description} onInput={(e) => setDescription((e.currentTarget as HTMLInputElement).value)} />
        <input type="color" aria-label={t('codeColor')} value={color} onInput={(e) => setColor((e.currentTarget as HTMLInputElement).value)} />
        <select aria-label={t('codeParent')} value={parent} onChange={(e) => setParent((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('codeNoParent')}</option>
          {p.codes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button class="btn small" type="submit" data-testid="code-add">
          {t('codeAdd')}
        </button>
      </form>
    </details>
  );
}
