import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createMigration, defaultSchemaDir } from './create-migration.js';
import { applyMigrations, defaultMigrationsDir } from './migrate.js';

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempCopy(source: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-create-migration-'));
  tempDirs.push(dir);
  await cp(source, dir, { recursive: true });
  return dir;
}

const PROBE_MODEL = `
model ProbeWidget {
  id   Int    @id @default(autoincrement())
  name String @unique
}
`;

describe('createMigration', () => {
  it('writes a migration for an added model, in Prisma folder format, that applies', async () => {
    const schemaDir = await tempCopy(defaultSchemaDir);
    const migrationsDir = await tempCopy(defaultMigrationsDir);
    await writeFile(path.join(schemaDir, 'probe.prisma'), PROBE_MODEL);

    const created = await createMigration('Add probeWidget', {
      schemaDir,
      migrationsDir,
      now: new Date('2030-01-02T03:04:05Z'),
    });

    expect(created?.path).toBe(path.join(migrationsDir, '20300102030405_add_probe_widget'));
    expect(created?.sql).toContain('-- CreateTable\nCREATE TABLE "ProbeWidget" (');
    expect(created?.sql).toContain('CREATE UNIQUE INDEX "ProbeWidget_name_key" ON "ProbeWidget"("name");');
    expect(await readFile(path.join(created!.path, 'migration.sql'), 'utf8')).toBe(created?.sql);
    expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );

    const pglite = await PGlite.create();
    try {
      const { applied } = await applyMigrations({ kind: 'pglite', pglite }, { migrationsDir });
      expect(applied.at(-1)).toBe('20300102030405_add_probe_widget');
    } finally {
      await pglite.close();
    }
  });

  it('returns null and writes nothing when the schema matches the migrations', async () => {
    const schemaDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-schema-'));
    const migrationsDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-migrations-'));
    tempDirs.push(schemaDir, migrationsDir);
    await writeFile(
      path.join(schemaDir, 'schema.prisma'),
      `datasource db {\n  provider = "postgresql"\n}\n${PROBE_MODEL}`,
    );

    expect(await createMigration('init', { schemaDir, migrationsDir })).not.toBeNull();
    const before = await readdir(migrationsDir);

    expect(await createMigration('again', { schemaDir, migrationsDir })).toBeNull();
    expect(await readdir(migrationsDir)).toEqual(before);
  });

  // The drift check: a schema edit without its migration fails here.
  it('finds prisma/migrations in sync with prisma/schema', async () => {
    const migrationsDir = await tempCopy(defaultMigrationsDir);
    const drift = await createMigration('drift_check', { migrationsDir });
    expect(
      drift?.sql ?? null,
      'prisma/schema has changes without a migration: run `npm run db:migration -- <name>`',
    ).toBeNull();
  });
});
