/**
 * An import merged into sealed data (Store.mergeImport while the lock is on): the records are read
 * and opened, `compute` runs, its writes are sealed, and the write transaction then checks that no
 * session or conflict changed since they were read (every write of an answer bumps its session's
 * revision); if one did, it all starts again. Loaded with the first import, not with the first page.
 */
import { fingerprint } from './sealed';
import { atomically, type DeviceData, type ImportChange, type Store } from './store';

export async function mergeImportSealed<T extends ImportChange>(store: Store, compute: (current: DeviceData) => T): Promise<T> {
  const stores = ['sessions', 'answers', 'conflicts', 'studies', 'imports', 'setAside', 'meta'] as const;
  for (let attempt = 0; attempt < 20; attempt++) {
    const read = store.db.transaction(['sessions', 'answers', 'conflicts'], 'readonly');
    const [sessions, answers, conflicts] = await Promise.all([read.objectStore('sessions').getAll(), read.objectStore('answers').getAll(), read.objectStore('conflicts').getAll()]);
    await read.done;
    const seen = new Map([...sessions.map((r) => [`s:${String(r.id)}`, fingerprint(r)] as const), ...conflicts.map((r) => [`c:${String(r.id)}`, fingerprint(r)] as const)]);
    const change = compute(await store.openDeviceData(sessions, answers, conflicts));
    const sealed: ImportChange = {
      sessions: await Promise.all(change.sessions.map(async ({ session, answers: list }) => ({ session: (await store.toStored('sessions', session)) as never, answers: (await Promise.all(list.map((a) => store.toStored('answers', a)))) as never }))),
      conflicts: (await Promise.all(change.conflicts.map((c) => store.toStored('conflicts', c)))) as never,
      resolved: change.resolved,
      studies: change.studies,
      setAside: (await Promise.all((change.setAside ?? []).map((r) => store.toStored('setAside', r)))) as never,
      record: change.record && ((await store.toStored('imports', change.record)) as never),
    };
    const tx = store.db.transaction([...stores], 'readwrite', { durability: 'strict' });
    const written = await atomically(tx, async () => {
      const [nowSessions, nowConflicts] = await Promise.all([tx.objectStore('sessions').getAll(), tx.objectStore('conflicts').getAll(), store.guard(tx)]);
      const now = [...nowSessions.map((r) => [`s:${String(r.id)}`, fingerprint(r)] as const), ...nowConflicts.map((r) => [`c:${String(r.id)}`, fingerprint(r)] as const)];
      if (now.length !== seen.size || now.some(([k, f]) => seen.get(k) !== f)) return false;
      await store.writeChange(tx, sealed, change);
      return true;
    });
    if (written) return change;
  }
  throw new Error('the data kept changing while the import was written: nothing was imported; try again');
}
