/**
 * The objects many items of a scan share (a folder's configuration, the list of the workspace's charts) sent to
 * each worker once and named by number in the items after that. Posted in every item, structured clone copied
 * them per file (the server's CPU while it hands out 10,000 files, the worker's to rebuild them), and each
 * worker met a new configuration object per file, so the engine's per-configuration caches (lint.ts
 * `ruleSettings`) never hit there. The shared objects must not change once sent (configurations never do).
 */

/** The item fields whose objects are shared. */
const SHARED_FIELDS = ['config', 'lintConfig', 'charts'] as const;

/** A shared object in an item as posted: its number in the worker's table. */
export interface SharedRef {
  sharedRef: number;
}

/** New shared objects a batch carries for its worker's table: [number, object]. */
export type SharedEntries = Array<[number, unknown]>;

/** The server's side: numbers its shared objects and knows which worker has been sent which. */
export class SharedRefs {
  private readonly ids = new WeakMap<object, number>();
  private next = 0;

  /**
   * `item` as posted to a worker whose table holds `sent`: each shared object replaced by its number, and the
   * ones the worker lacks appended to `entries` (and added to `sent`).
   */
  encode<T extends object>(item: T, sent: Set<number>, entries: SharedEntries): T {
    let posted: Record<string, unknown> | undefined;
    for (const field of SHARED_FIELDS) {
      const value = (item as Record<string, unknown>)[field];
      if (typeof value !== 'object' || value === null) continue;
      let id = this.ids.get(value);
      if (id === undefined) this.ids.set(value, (id = this.next++));
      if (!sent.has(id)) {
        sent.add(id);
        entries.push([id, value]);
      }
      posted ??= { ...item } as Record<string, unknown>;
      posted[field] = { sharedRef: id } satisfies SharedRef;
    }
    return (posted ?? item) as T;
  }
}

/** A worker's side: the shared objects it has been sent, put back into the items that name them. */
export class SharedTable {
  private readonly objects = new Map<number, unknown>();

  /** Takes a batch's new entries (before its items are decoded). */
  add(entries: SharedEntries | undefined): void {
    for (const [id, value] of entries ?? []) this.objects.set(id, value);
  }

  /** The item with its shared objects in place (the same object for every item that names it). */
  decode<T extends object>(item: T): T {
    for (const field of SHARED_FIELDS) {
      const value = (item as Record<string, unknown>)[field];
      if (typeof value !== 'object' || value === null || !('sharedRef' in value)) continue;
      const id = (value as SharedRef).sharedRef;
      if (!this.objects.has(id)) throw new Error(`the scan's worker was not sent shared object ${id}`);
      (item as Record<string, unknown>)[field] = this.objects.get(id);
    }
    return item;
  }
}
