/**
 * The records the app keeps on the device, for the screens. They belong to the storage adapter
 * (src/adapters/storage-idb/records.ts): this file only re-exports them, so the layers keep their
 * direction (ui -> app -> adapters -> core).
 */
export type * from '../adapters/storage-idb/records';
