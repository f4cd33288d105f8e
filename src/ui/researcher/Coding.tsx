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
import { Codebook } from './Codebook';
import { CodingConflicts } from './CodingConflicts';
import { codeUse } from '../../app/coding';
import { href } from '../route';
import { download } from '../../app/crypto-client';

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
  const sources = response ? textSources(ins, response, view.transcripts) : [];

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
      <Codebook codes={view.codebook.codes} use={(id) => codeUse(view, id)} onSave={async (c) => (await service.saveCode(p.studyId, c), reload())} onDelete={async (c) => (await service.deleteCode(view, c), reload())} />
      <CodingConflicts view={view} service={service} onDone={() => reload()} />
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
      <p class="row">
        {response && (
          <a class="btn small" href={href({ name: 'transcribe', studyId: p.studyId, studyVersion: p.studyVersion, responseId: response.id })} data-testid="transcribe-link">
            {t('transcribe')}
          </a>
        )}
        {response && view.transcriptEntries.some((e) => e.revisions.length > 1 && e.revisions.some((r) => r.responseId === response.id)) && <span class="badge">{t('transcriptConflict')}</span>}
        {view.transcriptEntries.length > 0 && (
          <button type="button" class="btn small" onClick={() => download(`${ins.id}-transcripts.csv`, service.transcriptsCsv(view), 'text/csv;charset=utf-8')} data-testid="transcripts-csv">
            {t('transcriptsCsv')}
          </button>
        )}
      </p>
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
        }} onMemo={async (passage, memo) => {
          await service.setPassageMemo(passage, memo);
          await reload();
        }} />
      ))}
      <CodeView view={view} ins={ins} groupBy={group} onGroupBy={setGroupBy} csv={() => service.passagesCsv(view)} />
    </section>
  );
}

function SourceBlock(p: { ins: Instrument; lang: string; source: TextSource; view: CodingView; responseId: string; onRemove: (passage: PassageRecord) => void; onMemo: (passage: PassageRecord, memo: string) => Promise<unknown> }) {
  const { t } = useApp();
  const key = sourceKey(p.source.ref);
  const item = p.source.item ? allItems(p.ins).find((x) => x.item.name === p.source.item)?.item : undefined;
  const kind = p.source.ref.kind === 'note' ? ` (${t('sourceNote')})` : p.source.ref.kind === 'other' ? ` (${t('sourceOther')})` : '';
  const transcriptLabel = p.source.ref.kind === 'transcript' ? t('transcriptOf', { code: p.view.responses.find((r) => r.id === p.responseId)?.respondentCode ?? '' }) : undefined;
  const mine = p.view.passages.filter((x) => x.response.id === p.responseId && sourceKey(x.passage.source) === key);
  return (
    <div class="coding-source" data-source={key}>
      <h3 class="small">
        {p.source.instance && `${p.source.instance}: `}
        {item ? localize(item.label, p.lang) : (transcriptLabel ?? key)}
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
            <MemoField key={`${x.passage.rev.device}:${x.passage.rev.at}`} memo={x.passage.memo ?? ''} onSave={(m) => p.onMemo(x.passage, m)} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function MemoField(p: { memo: string; onSave: (memo: string) => Promise<unknown> }) {
  const { t } = useApp();
  const [memo, setMemo] = useState(p.memo);
  return (
    <form
      class="row passage-memo"
      onSubmit={(e) => {
        e.preventDefault();
        void p.onSave(memo);
      }}
    >
      <input aria-label={t('passageMemo')} placeholder={t('passageMemo')} value={memo} onInput={(e) => setMemo((e.currentTarget as HTMLInputElement).value)} data-testid="passage-memo" />
      {memo !== p.memo && (
        <button type="submit" class="btn small" data-testid="passage-memo-save">
          {t('memoSave')}
        </button>
      )}
    </form>
  );
}
