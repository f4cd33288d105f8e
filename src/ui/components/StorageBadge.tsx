import { formatBytes } from '../../app/storage-status';
import { useApp } from '../context';
import { href } from '../route';
import { useObservable } from '../observable';

/** Persistent or not, and how much is used: always in view, a warning when not persistent. */
export function StorageBadge() {
  const { t, storage: status } = useApp();
  const storage = useObservable(status);
  if (!storage) return null;
  const cls = storage.persistent ? 'ok' : 'warn';
  const title = storage.persistent === null ? t('storageUnknown') : storage.persistent ? t('storagePersistent') : t('storageNotPersistent');
  return (
    <a class={`storage-badge ${cls}`} href={href({ name: 'settings' })} title={title} data-testid="storage-badge" data-persistent={String(storage.persistent)}>
      <span aria-hidden="true">{storage.persistent ? '●' : '▲'}</span>
      <span class="sr-only">{title}</span>
      {!storage.persistent && <span class="wide-only" aria-hidden="true">{t('storageShort')}</span>}
      <span>{formatBytes(storage.usage)}</span>
    </a>
  );
}
