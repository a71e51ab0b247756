import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  it('writes the owner pid, refuses a folder a running process holds, naming it, and frees it on release', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-lock-'));
    // The parent process runs and is not us: as if another server held the folder.
    await writeFile(path.join(dir, LOCK_FILE), `${process.ppid}\n`);
    await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);

    await writeFile(path.join(dir, LOCK_FILE), '2147483646\n'); // no such process: a crash left it
    const release = await lockDataDir(dir);
    expect((await readFile(path.join(dir, LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));
    await release();
    const again = await lockDataDir(dir);
    await again();
  });
});
