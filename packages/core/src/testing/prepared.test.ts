import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPreparedEmbedded, TEMPLATES_ENV } from './prepared.js';

let folder: string;
const before = process.env[TEMPLATES_ENV];
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-prepared-'));
  process.env[TEMPLATES_ENV] = folder;
});
afterAll(async () => {
  process.env[TEMPLATES_ENV] = before;
  await rm(folder, { recursive: true, force: true });
});

it('prepares a database once per key and gives every later caller a fresh copy of it', async () => {
  let prepared = 0;
  const prepare = async (db: Awaited<ReturnType<typeof openPreparedEmbedded>>) => {
    prepared += 1;
    await db.prisma.$executeRawUnsafe('CREATE TABLE note (body text)');
    await db.prisma.$executeRawUnsafe("INSERT INTO note VALUES ('prepared')");
  };
  const first = await openPreparedEmbedded('notes', prepare);
  await first.prisma.$executeRawUnsafe("INSERT INTO note VALUES ('written by the first')");
  await first.close();
  expect(await readdir(folder)).toHaveLength(1);

  const second = await openPreparedEmbedded('notes', prepare);
  const rows = await second.prisma.$queryRawUnsafe<Array<{ body: string }>>('SELECT body FROM note');
  await second.close();
  expect(prepared).toBe(1);
  expect(rows.map((row) => row.body)).toEqual(['prepared']);

  const other = await openPreparedEmbedded('other notes', prepare);
  await other.close();
  expect(prepared).toBe(2);
});
