import { access, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { resolveAuthSecret } from './secret.js';

describe('resolveAuthSecret', () => {
  it('uses RAPPORT_AUTH_SECRET when set', async () => {
    const secret = 'x'.repeat(40);
    expect(await resolveAuthSecret(loadConfig({ RAPPORT_AUTH_SECRET: secret, NODE_ENV: 'production' }))).toBe(secret);
  });

  it('refuses to run production, or a shared PostgreSQL database, without one', async () => {
    await expect(resolveAuthSecret(loadConfig({ NODE_ENV: 'production' }))).rejects.toThrow(/RAPPORT_AUTH_SECRET is required in production/);
    const postgres = loadConfig({ DATABASE_URL: 'postgresql://localhost/rapport' });
    await expect(resolveAuthSecret(postgres)).rejects.toThrow(/RAPPORT_AUTH_SECRET is required with DATABASE_URL/);
  });

  it('generates one for the embedded database, keeps it inside the data folder (mode 0600) and reuses it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-secret-'));
    const config = loadConfig({ RAPPORT_DATA_DIR: path.join(dir, 'pglite') });
    const lines: string[] = [];
    const first = await resolveAuthSecret(config, (line) => lines.push(line));
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await resolveAuthSecret(config)).toBe(first);
    const file = path.join(dir, 'pglite', 'auth-secret');
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
    await expect(access(path.join(dir, 'auth-secret'))).rejects.toThrow(/ENOENT/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).not.toContain(first);
  });

  it('moves a secret an earlier version wrote beside the data folder into it, keeping its value', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-secret-'));
    const old = 'o'.repeat(48);
    await writeFile(path.join(dir, 'auth-secret'), `${old}\n`, { mode: 0o600 });
    await mkdir(path.join(dir, 'pglite'));
    const config = loadConfig({ RAPPORT_DATA_DIR: path.join(dir, 'pglite') });
    expect(await resolveAuthSecret(config)).toBe(old);
    expect((await readFile(path.join(dir, 'pglite', 'auth-secret'), 'utf8')).trim()).toBe(old);
    await expect(access(path.join(dir, 'auth-secret'))).rejects.toThrow(/ENOENT/);
  });
});
