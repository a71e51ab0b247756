import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createMigration, defaultSchemaDir } from './create-migration.js';
import { installedDataModels, type PluginDataModel } from './compose.js';
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

  // Each installed plugin alone on core (a deployment may enable just it), and each integration.
  const installed = installedDataModels();
  const checks = installed.flatMap((plugin) => [
    { label: plugin.name, plugin, other: undefined as PluginDataModel | undefined },
    ...installed
      .filter((other) => existsSync(path.join(plugin.dir, 'with', other.name)))
      .map((other) => ({ label: `${plugin.name} with ${other.name}`, plugin, other })),
  ]);
  it.each(checks)("finds the plugin $label's migrations in sync with its schema", async ({ plugin, other }) => {
    // Copies, so a drift's migration is not written into the package.
    const copy = async (model: PluginDataModel) => ({ name: model.name, dir: await tempCopy(model.dir) });
    const drift = await createMigration('drift_check', {
      migrationsDir: await tempCopy(defaultMigrationsDir),
      plugin: await copy(plugin),
      ...(other ? { with: await copy(other) } : {}),
    });
    const command = `npm run db:migration -- <name> --plugin ${plugin.name}${other ? ` --with ${other.name}` : ''}`;
    expect(drift?.sql ?? null, `the plugin's schema has changes without a migration: run \`${command}\``).toBeNull();
  });

  it("writes a plugin's migration into its own folder, from core's and its own history", async () => {
    const pluginDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-plugin-'));
    tempDirs.push(pluginDir);
    await writeFile(
      path.join(pluginDir, 'schema.prisma'),
      `model ProbeNote {\n  id        Int      @id @default(autoincrement())\n  contactId String   @db.Uuid\n  contact   Contact  @relation(fields: [contactId], references: [id], onDelete: Cascade)\n}\n\nextend model Contact {\n  probeNotes ProbeNote[]\n}\n`,
    );
    const migrationsDir = await tempCopy(defaultMigrationsDir);
    const plugin = { name: 'probe', dir: pluginDir };

    const created = await createMigration('init', { migrationsDir, plugin, now: new Date('2030-01-02T03:04:05Z') });
    expect(created?.path).toBe(path.join(pluginDir, 'migrations', '20300102030405_init'));
    expect(created?.sql).toContain('CREATE TABLE "ProbeNote"');
    expect(created?.sql).toContain('REFERENCES "Contact"("id")');
    expect(await readdir(migrationsDir)).not.toContain('20300102030405_init');
    expect(await createMigration('again', { migrationsDir, plugin })).toBeNull();
  });
});
