/**
 * An import merged into sealed data (Store.mergeImport while the lock is on): the records are read
 * and opened, `compute` runs, its writes are sealed, and the write transaction then checks that no
 * session, conflict or coding record changed since they were read (every write of an answer bumps its
 * session's revision), and that the paradata of the responses it adds events to has not grown; if
 * anything did, it all starts again. Loaded with the first import, not with the first page.
 */
import type { ParadataEvent } from '../../core/bundle/types';
import { fingerprint } from './sealed';
import { atomically, freshParadata, type DeviceData, type ImportChange, type Store } from './store';

export async function mergeImportSealed<T extends ImportChange>(store: Store, compute: (current: DeviceData) => T): Promise<T> {
  const stores = ['sessions', 'answers', 'conflicts', 'studies', 'imports', 'setAside', 'paradata', 'coding', 'blobs', 'meta'] as const;
  for (let attempt = 0; attempt < 20; attempt++) {
    const read = store.db.transaction(['sessions', 'answers', 'conflicts', 'coding'], 'readonly');
    const [sessions, answers, conflicts, coding] = await Promise.all([
      read.objectStore('sessions').getAll(),
      read.objectStore('answers').getAll(),
      read.objectStore('conflicts').getAll(),
      read.objectStore('coding').getAll(),
    ]);
    await read.done;
    const seen = new Map([
      ...sessions.map((r) => [`s:${String(r.id)}`, fingerprint(r)] as const),
      ...conflicts.map((r) => [`c:${String(r.id)}`, fingerprint(r)] as const),
      ...coding.map((r) => [`k:${String(r.id)}`, fingerprint(r)] as const),
    ]);
    const change = compute(await store.openDeviceData(sessions, answers, conflicts, coding));

    // The events held for the responses the files bring events for: those already held are not added again.
    const responseIds = [...new Set((change.paradata ?? []).map((e) => e.responseId))];
    const heldCount = new Map<string, number>();
    let paradata: ParadataEvent[] = [];
    if (responseIds.length > 0) {
      const pread = store.db.transaction('paradata', 'readonly');
      const held = await Promise.all(responseIds.map((id) => pread.store.index('bySession').getAll(id)));
      await pread.done;
      responseIds.forEach((id, i) => heldCount.set(id, held[i]!.length));
      const opened = await Promise.all(held.flat().map((raw) => store.fromStored<ParadataEvent>('paradata', raw)));
      paradata = freshParadata(opened, change.paradata ?? []);
    }

    const sealed: ImportChange = {
      sessions: await Promise.all(change.sessions.map(async ({ session, answers: list }) => ({ session: (await store.toStored('sessions', session)) as never, answers: (await Promise.all(list.map((a) => store.toStored('answers', a)))) as never }))),
      conflicts: (await Promise.all(change.conflicts.map((c) => store.toStored('conflicts', c)))) as never,
      resolved: change.resolved,
      studies: change.studies,
      setAside: (await Promise.all((change.setAside ?? []).map((r) => store.toStored('setAside', r)))) as never,
      record: change.record && ((await store.toStored('imports', change.record)) as never),
      paradata: (await Promise.all(paradata.map((e) => store.toStored('paradata', e)))) as never,
      coding: (await Promise.all((change.coding ?? []).map((e) => store.toStored('coding', e)))) as never,
      ...(change.media ? { media: change.media } : {}),
    };
    const tx = store.db.transaction([...stores], 'readwrite', { durability: 'strict' });
    const written = await atomically(tx, async () => {
      const [nowSessions, nowConflicts, nowCoding, nowCounts] = await Promise.all([
        tx.objectStore('sessions').getAll(),
        tx.objectStore('conflicts').getAll(),
        tx.objectStore('coding').getAll(),
        Promise.all(responseIds.map((id) => tx.objectStore('paradata').index('bySession').count(id))),
        store.guard(tx),
      ]);
      const now = [
        ...nowSessions.map((r) => [`s:${String(r.id)}`, fingerprint(r)] as const),
        ...nowConflicts.map((r) => [`c:${String(r.id)}`, fingerprint(r)] as const),
        ...nowCoding.map((r) => [`k:${String(r.id)}`, fingerprint(r)] as const),
      ];
      if (now.length !== seen.size || now.some(([k, f]) => seen.get(k) !== f)) return false;
      if (responseIds.some((id, i) => heldCount.get(id) !== nowCounts[i])) return false;
      await store.writeChange(tx, sealed, change);
      return true;
    });
    if (written) return change;
  }
  throw new Error('the data kept changing while the import was written: nothing was imported; try again');
}
