// The deployment's Prisma schema and migration history, composed from core and the installed plugins.
//
// A plugin package keeps its data model in its own `prisma/` folder:
//   prisma/*.prisma                      its models and enums, plus `extend model X { ... }` blocks that
//                                        add back-relation fields to models it does not own (core's)
//   prisma/migrations/<ts>_<name>/       its migration history
//   prisma/with/<plugin>/*.prisma        only when <plugin> is installed too (an optional integration)
//   prisma/with/<plugin>/migrations/     applied once both plugins are enabled
// and names itself in package.json (`"rapport": { "plugin": "<name>" }`) so the schema can be composed
// without loading any code (the code needs the client generated from it).
//
// Synchronous on purpose: prisma.config.ts composes before every Prisma command.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Core's own schema and migration history. */
export const coreSchemaDir = path.join(repoRoot, 'prisma', 'schema');
export const coreMigrationsDir = path.join(repoRoot, 'prisma', 'migrations');
/** Where `prisma generate` (through prisma.config.ts) reads the composed schema; git-ignored. */
export const composedDir = path.join(repoRoot, 'prisma', 'composed');
/** Folder of the bundled plugin packages. */
export const bundledPluginsDir = path.join(repoRoot, 'packages', 'plugins');

/** A plugin's data model on disk. */
export interface PluginDataModel {
  /** The plugin's name (what `definePlugin({ name })` and RAPPORT_PLUGINS use). */
  name: string;
  /** Its `prisma/` folder. */
  dir: string;
}

export interface SchemaFile {
  path: string;
  content: string;
}

/** One migration history: core's, a plugin's, or a plugin's integration with another (`<plugin>+<other>`). */
export interface MigrationSet {
  owner: string;
  dir: string;
}

/** Reads a package's plugin name and prisma folder; null when the package declares none. */
export function dataModelOfPackage(packageDir: string): PluginDataModel | null {
  const manifest = path.join(packageDir, 'package.json');
  if (!existsSync(manifest)) return null;
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { rapport?: { plugin?: unknown } };
  const name = parsed.rapport?.plugin;
  if (typeof name !== 'string') return null;
  const dir = path.join(packageDir, 'prisma');
  return existsSync(dir) ? { name, dir } : null;
}

/**
 * The installed plugins that have a data model: every bundled plugin package, then each package (or
 * path) RAPPORT_PLUGIN_PACKAGES names, resolved from `cwd` as the server resolves them.
 */
export function installedDataModels(
  pluginPackages: readonly string[] = listFromEnv(process.env.RAPPORT_PLUGIN_PACKAGES),
  cwd: string = process.cwd(),
): PluginDataModel[] {
  const bundled = existsSync(bundledPluginsDir)
    ? readdirSync(bundledPluginsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(bundledPluginsDir, entry.name))
        .sort()
    : [];
  const thirdParty = pluginPackages.map((specifier) => packageDirOf(specifier, cwd));
  const models = [...bundled, ...thirdParty].flatMap((dir) => dataModelOfPackage(dir) ?? []);
  const seen = new Set<string>();
  for (const model of models) {
    if (seen.has(model.name)) throw new Error(`Two installed packages define the data model of plugin "${model.name}"`);
    seen.add(model.name);
  }
  return models;
}

function listFromEnv(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

function packageDirOf(specifier: string, cwd: string): string {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) return path.resolve(cwd, specifier);
  const require = createRequire(path.join(cwd, 'package.json'));
  let dir = path.dirname(require.resolve(specifier));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function prismaFilesIn(dir: string): SchemaFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.prisma'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ path: path.join(dir, name), content: readFileSync(path.join(dir, name), 'utf8') }));
}

/** The integrations of `plugin` whose other plugin is among `names`. */
function integrationsOf(plugin: PluginDataModel, names: ReadonlySet<string>): Array<{ other: string; dir: string }> {
  const withDir = path.join(plugin.dir, 'with');
  if (!existsSync(withDir)) return [];
  return readdirSync(withDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && names.has(entry.name))
    .map((entry) => ({ other: entry.name, dir: path.join(withDir, entry.name) }))
    .sort((a, b) => a.other.localeCompare(b.other));
}

const EXTEND_BLOCK = /^extend model (\w+) \{\n([\s\S]*?)^\}[^\n]*\n?/gm;

/**
 * Core's schema files plus the plugins' (and their integrations with each other), with every
 * `extend model X { ... }` block's fields moved into model X. File names get their owner as prefix.
 */
export function composeSchema(
  plugins: readonly PluginDataModel[],
  coreDir: string = coreSchemaDir,
  outDir: string = path.join(composedDir, 'schema'),
): SchemaFile[] {
  const names = new Set(plugins.map((plugin) => plugin.name));
  const sources: Array<{ owner: string; files: SchemaFile[] }> = [{ owner: 'core', files: prismaFilesIn(coreDir) }];
  for (const plugin of plugins) {
    sources.push({ owner: plugin.name, files: prismaFilesIn(plugin.dir) });
    for (const integration of integrationsOf(plugin, names)) {
      sources.push({ owner: `${plugin.name}+${integration.other}`, files: prismaFilesIn(integration.dir) });
    }
  }
  if (sources[0]!.files.length === 0) throw new Error(`No .prisma files in ${coreDir}`);

  const extensions: Array<{ owner: string; model: string; fields: string }> = [];
  const files = sources.flatMap(({ owner, files: ownFiles }) =>
    ownFiles.map((file) => ({
      path: `${owner}.${path.basename(file.path)}`,
      content: withOutputsFrom(file.path, outDir, file.content).replace(EXTEND_BLOCK, (_, model: string, fields: string) => {
        extensions.push({ owner, model, fields });
        return '';
      }),
    })),
  );
  for (const { owner, model, fields } of extensions) {
    const target = files.find((file) => new RegExp(`^model ${model} \\{`, 'm').test(file.content));
    if (!target) throw new Error(`Plugin "${owner}" extends model ${model}, which neither core nor an installed plugin defines`);
    target.content = withFields(target.content, model, `  // from ${owner}\n${fields}`);
  }
  return files;
}

/** Generator paths (`output`, `clientOutput`) are relative to their file: keep them pointing where they did. */
function withOutputsFrom(sourcePath: string, outDir: string, content: string): string {
  return content.replace(/^(\s*output\s*=\s*")([^"]+)"/gm, (_, head: string, target: string) => {
    const relative = path.relative(outDir, path.resolve(path.dirname(sourcePath), target)).split(path.sep).join('/');
    return `${head}${relative}"`;
  });
}

/** Inserts field lines into a model, before its block attributes (`@@...`) or its closing brace. */
function withFields(content: string, model: string, fields: string): string {
  const start = new RegExp(`^model ${model} \\{\\n`, 'm').exec(content)!;
  const bodyStart = start.index + start[0].length;
  const end = content.indexOf('\n}', bodyStart - 1) + 1;
  const body = content.slice(bodyStart, end);
  const attribute = /^\s*@@/m.exec(body);
  let at = bodyStart + (attribute ? attribute.index : body.length);
  // Keep a blank line that separates fields from block attributes after the inserted fields.
  while (attribute && at > bodyStart && content[at - 1] === '\n' && content[at - 2] === '\n') at -= 1;
  return content.slice(0, at) + fields + content.slice(at);
}

/**
 * The migration histories a deployment applies, in order: core's, then each enabled plugin's (in the
 * given dependency order), each integration right after the later of its two plugins.
 */
export function migrationSets(enabled: readonly PluginDataModel[], coreDir: string = coreMigrationsDir): MigrationSet[] {
  const sets: MigrationSet[] = [{ owner: 'core', dir: coreDir }];
  const seen = new Set<string>();
  const pendingIntegrations: Array<{ plugin: PluginDataModel; other: string; dir: string }> = [];
  const allNames = new Set(enabled.map((plugin) => plugin.name));
  for (const plugin of enabled) {
    seen.add(plugin.name);
    sets.push({ owner: plugin.name, dir: path.join(plugin.dir, 'migrations') });
    for (const integration of integrationsOf(plugin, allNames)) pendingIntegrations.push({ plugin, ...integration });
    for (const integration of pendingIntegrations.filter((i) => seen.has(i.plugin.name) && seen.has(i.other))) {
      sets.push({ owner: `${integration.plugin.name}+${integration.other}`, dir: path.join(integration.dir, 'migrations') });
      pendingIntegrations.splice(pendingIntegrations.indexOf(integration), 1);
    }
  }
  return sets;
}

/**
 * Writes the composed schema (and, for stock `prisma migrate deploy`, the composed migration history
 * of the enabled plugins) under `outDir`, replacing what an earlier run wrote there.
 */
export function writeComposed(
  installed: readonly PluginDataModel[],
  enabled: readonly PluginDataModel[],
  outDir: string = composedDir,
): { schemaDir: string; migrationsDir: string } {
  const schemaDir = path.join(outDir, 'schema');
  const migrationsDir = path.join(outDir, 'migrations');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(schemaDir, { recursive: true });
  mkdirSync(migrationsDir, { recursive: true });
  writeFileSync(path.join(outDir, 'README.md'), 'Written by the compose step (packages/core/src/db/compose.ts) on every Prisma command. Do not edit; git-ignored.\n');
  for (const file of composeSchema(installed, coreSchemaDir, schemaDir)) writeFileSync(path.join(schemaDir, file.path), file.content);
  const lock = path.join(coreMigrationsDir, 'migration_lock.toml');
  if (existsSync(lock)) writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), readFileSync(lock));
  const names = new Set<string>();
  for (const set of migrationSets(enabled)) {
    for (const name of migrationNames(set.dir)) {
      if (names.has(name)) throw new Error(`Migration ${name} exists twice (again in ${set.owner})`);
      names.add(name);
      mkdirSync(path.join(migrationsDir, name));
      writeFileSync(path.join(migrationsDir, name, 'migration.sql'), readFileSync(path.join(set.dir, name, 'migration.sql')));
    }
  }
  return { schemaDir, migrationsDir };
}

/** The migration folders of one history, in Prisma's order. */
export function migrationNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

/** The enabled data models for stock Prisma commands: RAPPORT_PLUGINS when set, else every installed one. */
export function enabledFromEnv(installed: readonly PluginDataModel[], value = process.env.RAPPORT_PLUGINS): PluginDataModel[] {
  if (value === undefined) return [...installed];
  const names = listFromEnv(value);
  return installed.filter((model) => names.includes(model.name));
}
