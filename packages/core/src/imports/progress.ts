// Progress of running imports for the dataImportProgress subscription, in this process: the instance
// running an import publishes after every batch (the row in the database is written when it ends,
// because the import's own transaction holds its rows until then).
import type { DataImport } from '../../generated/prisma/client.js';

type Listener = (snapshot: DataImport) => void;

class ImportProgress {
  private readonly latest = new Map<string, DataImport>();
  private readonly listeners = new Map<string, Set<Listener>>();

  publish(snapshot: DataImport): void {
    this.latest.set(snapshot.id, snapshot);
    for (const listen of this.listeners.get(snapshot.id) ?? []) listen(snapshot);
  }

  /** The latest snapshot of an import running here, if it is. */
  current(id: string): DataImport | undefined {
    return this.latest.get(id);
  }

  finish(id: string): void {
    this.latest.delete(id);
  }

  listen(id: string, listener: Listener): () => void {
    const set = this.listeners.get(id) ?? new Set();
    set.add(listener);
    this.listeners.set(id, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(id);
    };
  }
}

export const importProgress = new ImportProgress();
