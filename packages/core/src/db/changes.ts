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
