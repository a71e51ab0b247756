import { readFileSync, rmSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = 'rapport.lock';

export class DataDirInUseError extends Error {}

/** Whether a process with this id runs (signal 0 only checks; EPERM means it exists under another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database folder for this process: PGlite is single-process, and a second one
 * opening the same files aborts inside WebAssembly or corrupts them. The lock file holds the owner's
 * pid; a file left by a process that no longer runs (a crash, kill -9) is taken over. Returns the release.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(path.resolve(dataDir), LOCK_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      const releaseOnExit = () => releaseIfOurs(file);
      process.once('exit', releaseOnExit);
      return async () => {
        process.removeListener('exit', releaseOnExit);
        releaseIfOurs(file);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
        throw new DataDirInUseError(
          `The embedded database folder ${path.resolve(dataDir)} is in use by process ${owner} (another Rapport server or db command). ` +
            'Stop that process first, or give this one its own RAPPORT_DATA_DIR; several instances need PostgreSQL (DATABASE_URL).',
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not take the lock ${file}: another process keeps taking it`);
}

function releaseIfOurs(file: string): void {
  try {
    if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) rmSync(file, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}
