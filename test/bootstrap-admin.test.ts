// RAPPORT_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD: the first admin at start-up, honoured only while no admin exists.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@rapport/core';
import { createTestDatabase } from '@rapport/core/testing';
import { startRapport } from '@rapport/server';
import { databaseKinds } from './support/harness.js';

const kinds = await databaseKinds();
const LOGIN = 'mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { user { email role } } }';

describe.each(kinds)('bootstrap admin on %s', (database) => {
  let target: { DATABASE_URL?: string; RAPPORT_DATA_DIR?: string };
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (database === 'postgres') {
      const pg = (await createTestDatabase('rapport_bootstrap'))!;
      target = { DATABASE_URL: pg.url };
      cleanup = pg.drop;
    } else {
      const dir = await mkdtemp(path.join(tmpdir(), 'rapport-bootstrap-'));
      target = { RAPPORT_DATA_DIR: dir };
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup?.());

  /** Starts the server as main.ts does, with these bootstrap variables; returns what sign-in answers. */
  async function start(email: string, password: string, signIn: Array<[string, string]>) {
    const lines: string[] = [];
    const config = loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      RAPPORT_SEED_DEMO: 'never',
      RAPPORT_PLUGINS: '',
      RAPPORT_AUTH_SECRET: 'test-secret-that-is-at-least-32-characters-long',
      RAPPORT_BOOTSTRAP_ADMIN_EMAIL: email,
      RAPPORT_BOOTSTRAP_ADMIN_PASSWORD: password,
      ...target,
    });
    const { app, url } = await startRapport({ config, log: (line) => lines.push(line) });
    try {
      const answers = [];
      for (const [e, p] of signIn) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LOGIN, variables: { email: e, password: p } }) });
        const body = (await response.json()) as any;
        answers.push(body.data?.login?.user ?? body.errors[0].extensions.code);
      }
      return { lines, answers };
    } finally {
      await app.close();
    }
  }

  it('creates the first admin on an empty database and ignores the variables once an admin exists', async () => {
    const first = await start('First@Acme.cn', 'first-admin-password', [['first@acme.cn', 'first-admin-password']]);
    expect(first.lines).toContain('Created the first admin first@acme.cn (RAPPORT_BOOTSTRAP_ADMIN_EMAIL)');
    expect(first.answers).toEqual([{ email: 'first@acme.cn', role: 'ADMIN' }]);
    expect(first.lines.join('\n')).not.toContain('first-admin-password');

    const second = await start('second@acme.cn', 'second-admin-password', [
      ['second@acme.cn', 'second-admin-password'],
      ['first@acme.cn', 'first-admin-password'],
    ]);
    expect(second.lines).toContain('RAPPORT_BOOTSTRAP_ADMIN_EMAIL ignored: an admin exists already');
    expect(second.answers).toEqual(['UNAUTHENTICATED', { email: 'first@acme.cn', role: 'ADMIN' }]);
  }, 120_000);

  it('refuses half a bootstrap configuration, naming the missing variable', () => {
    expect(() => loadConfig({ RAPPORT_BOOTSTRAP_ADMIN_EMAIL: 'a@acme.cn' })).toThrow(/RAPPORT_BOOTSTRAP_ADMIN_PASSWORD: must be set with RAPPORT_BOOTSTRAP_ADMIN_EMAIL/);
    expect(() => loadConfig({ RAPPORT_BOOTSTRAP_ADMIN_EMAIL: 'a@acme.cn', RAPPORT_BOOTSTRAP_ADMIN_PASSWORD: 'short' })).toThrow(/RAPPORT_BOOTSTRAP_ADMIN_PASSWORD: must be at least 12/);
  });
});
