/**
 * The study's codebook (docs/coding.md): its codes as a tree; add a code, edit one (name,
 * description, colour, parent, memo), delete one after a confirmation that says how many passages
 * use it and what becomes of them (src/app/coding.ts `deleteCode`).
 */
import { useState } from 'preact/hooks';
import type { CodeRecord } from '../../core/coding/types';
import { useApp } from '../context';

export type CodeChange = { id?: string; name: string; description?: string; color: string; parent?: string; memo?: string };

export function Codebook(p: { codes: CodeRecord[]; use: (id: string) => { n: number; alone: number }; onSave: (c: CodeChange) => Promise<unknown>; onDelete: (c: CodeRecord) => Promise<unknown> }) {
  const { t } = useApp();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const depth = (c: CodeRecord, seen = new Set<string>()): number => {
    const parent = c.parent ? p.codes.find((x) => x.id === c.parent) : undefined;
    if (!parent || seen.has(parent.id)) return 0;
    seen.add(parent.id);
    return 1 + depth(parent, seen);
  };
  return (
    <details class="codebook" open>
      <summary>{t('codebook')}</summary>
      <ul data-testid="codebook">
        {p.codes.map((c) => (
          <li key={c.id} style={{ marginInlineStart: `${depth(c)}em` }} data-code={c.name}>
            {editing === c.id ? (
              <CodeForm codes={p.codes} code={c} onCancel={() => setEditing(null)} onSave={async (x) => (await p.onSave(x), setEditing(null))} />
            ) : (
              <>
                <span class="code-chip" style={{ borderColor: c.color }}>{c.name}</span> <span class="muted small">{c.description}</span>
                {c.memo && <span class="small code-memo" data-testid="code-memo"> — {t('codeMemo')}: {c.memo}</span>}{' '}
                <button type="button" class="link small" onClick={() => setEditing(c.id)} data-testid={`code-edit-${c.name}`}>
                  {t('codeEdit')}
                </button>{' '}
                <button type="button" class="link small" onClick={() => setDeleting(c.id)} data-testid={`code-delete-${c.name}`}>
                  {t('codeDelete')}
                </button>
                {deleting === c.id && <DeleteConfirm code={c} use={p.use(c.id)} onCancel={() => setDeleting(null)} onDelete={async () => (await p.onDelete(c), setDeleting(null))} />}
              </>
            )}
          </li>
        ))}
      </ul>
      <CodeForm codes={p.codes} onSave={p.onSave} />
    </details>
  );
}

function DeleteConfirm(p: { code: CodeRecord; use: { n: number; alone: number }; onCancel: () => void; onDelete: () => Promise<unknown> }) {
  const { t } = useApp();
  return (
    <div class="confirm" role="alertdialog" aria-labelledby={`del-${p.code.id}`} data-testid="code-delete-confirm">
      <p id={`del-${p.code.id}`}>{p.use.n === 0 ? t('codeDeleteUnused', { name: p.code.name }) : t('codeDeleteConfirm', { name: p.code.name, n: String(p.use.n), alone: String(p.use.alone) })}</p>
      <button type="button" class="btn small danger" onClick={() => void p.onDelete()} data-testid="code-delete-yes">
        {t('codeDeleteYes')}
      </button>{' '}
      <button type="button" class="btn small" onClick={p.onCancel}>
        {t('codeCancel')}
      </button>
    </div>
  );
}

function CodeForm(p: { codes: CodeRecord[]; code?: CodeRecord; onSave: (c: CodeChange) => Promise<unknown>; onCancel?: () => void }) {
  const { t } = useApp();
  const [name, setName] = useState(p.code?.name ?? '');
  const [description, setDescription] = useState(p.code?.description ?? '');
  const [color, setColor] = useState(p.code?.color ?? '#17becf');
  const [parent, setParent] = useState(p.code?.parent ?? '');
  const [memo, setMemo] = useState(p.code?.memo ?? '');
  const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  return (
    <form
      class="row code-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return;
        await p.onSave({ ...(p.code ? { id: p.code.id } : {}), name, color, ...(description ? { description } : {}), ...(parent ? { parent } : {}), ...(memo ? { memo } : {}) });
        if (!p.code) {
          setName('');
          setDescription('');
          setMemo('');
        }
      }}
    >
      <input aria-label={t('codeName')} placeholder={t('codeName')} value={name} onInput={(e) => setName(value(e))} data-testid={p.code ? 'code-edit-name' : 'code-name'} />
      <input aria-label={t('codeDescription')} placeholder={t('codeDescription')} value={description} onInput={(e) => setDescription(value(e))} />
      <input type="color" aria-label={t('codeColor')} value={color} onInput={(e) => setColor(value(e))} />
      <select aria-label={t('codeParent')} value={parent} onChange={(e) => setParent(value(e))}>
        <option value="">{t('codeNoParent')}</option>
        {p.codes
          .filter((c) => c.id !== p.code?.id)
          .map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
      </select>
      <input aria-label={t('codeMemo')} placeholder={t('codeMemo')} value={memo} onInput={(e) => setMemo(value(e))} data-testid="code-memo-input" />
      <button class="btn small" type="submit" data-testid={p.code ? 'code-save' : 'code-add'}>
        {p.code ? t('codeSave') : t('codeAdd')}
      </button>
      {p.onCancel && (
        <button class="btn small" type="button" onClick={p.onCancel}>
          {t('codeCancel')}
        </button>
      )}
    </form>
  );
}
