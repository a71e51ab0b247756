/**
 * Writes to the tables that per-process caches read from (the viewer's session and user, custom
 * field definitions, the event types webhook endpoints subscribe to), seen in the SQL the database
 * adapter sends. A cache listens here and drops what it holds when one of its tables was written:
 * after an autocommitted statement returns, and again after a transaction that wrote it commits (a
 * read between the statement and the commit would still see the old row). The server also forwards these to the other instances over the
 * alert bus and marks the changes `remote` when they come back.
 */
export type CachedTable = 'User' | 'AuthSession' | 'CustomFieldDefinition' | 'WebhookEndpoint';

const WRITE = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:"?public"?\.)?"?(User|AuthSession|CustomFieldDefinition|WebhookEndpoint)"?[\s(]/i;
const TABLES = new Map<string, CachedTable>((['User', 'AuthSession', 'CustomFieldDefinition', 'WebhookEndpoint'] as const).map((t) => [t.toLowerCase(), t]));

/** The cached table a statement writes, if any. */
export function cachedTableWritten(sql: string): CachedTable | null {
  const match = WRITE.exec(sql);
  if (!match) return null;
  return TABLES.get(match[1]!.toLowerCase())!;
}

export type ChangeHandler = (tables: ReadonlySet<CachedTable>, origin: 'local' | 'remote') => void;

export class TableChanges {
  private readonly handlers = new Set<ChangeHandler>();
  /**
   * Whether writes made by other instances reach this one (set by the server when its alert bus
   * forwards them). While it is false and `shared` is true, caches must not serve from memory.
   */
  remoteLive: () => boolean = () => true;

  on(handler: ChangeHandler): () => void {
    this.handlers.add(handler);
    return () => void this.handlers.delete(handler);
  }

  emit(tables: ReadonlySet<CachedTable>, origin: 'local' | 'remote' = 'local'): void {
    if (!tables.size) return;
    for (const handler of this.handlers) handler(tables, origin);
  }
}

const byClient = new WeakMap<object, TableChanges>();

/** The change feed of a Prisma client opened by openDatabase (a fresh, silent one for any other client). */
export function changesOf(prisma: object): TableChanges {
  let changes = byClient.get(prisma);
  if (!changes) byClient.set(prisma, (changes = new TableChanges()));
  return changes;
}

export function registerChanges(prisma: object, changes: TableChanges): void {
  byClient.set(prisma, changes);
}

/**
 * Values read from one cached table, per key, reused by this process for `ttlMs` unless a write to the
 * table (here or, over the bus, on another instance) drops them first; bypassed while remote changes
 * cannot be heard. A read that a write overtook is not kept: the row it read may be older.
 */
export class TableReadCache<K, V> {
  private readonly entries = new Map<K, { value: Promise<V>; at: number }>();
  private generation = 0;
  private readonly changes: TableChanges;

  constructor(prisma: object, table: CachedTable, private readonly ttlMs: number) {
    this.changes = changesOf(prisma);
    this.changes.on((tables) => {
      if (!tables.has(table)) return;
      this.entries.clear();
      this.generation++;
    });
  }

  get(key: K, read: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && now - entry.at < this.ttlMs && now >= entry.at && this.changes.remoteLive()) return entry.value;
    const generation = this.generation;
    const value = read();
    const stored = { value, at: now };
    this.entries.set(key, stored);
    const forget = () => {
      if (this.entries.get(key) === stored) this.entries.delete(key);
    };
    value.then(() => {
      if (generation !== this.generation) forget();
    }, forget);
    return value;
  }
}

/** One `TableReadCache` per database client and purpose (`make` runs once per client). */
export function perClient<T>(make: (prisma: object) => T): (prisma: object) => T {
  const caches = new WeakMap<object, T>();
  return (prisma) => {
    let cache = caches.get(prisma);
    if (!cache) caches.set(prisma, (cache = make(prisma)));
    return cache;
  };
}
