import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { enabledFromEnv, installedDataModels, writeComposed } from './packages/core/src/db/compose.js';

// Prisma's CLI downloads its native schema engine before any command, even `generate`, which never
// runs it. For the commands that only need the WASM tooling, point it at an existing file so the
// download is skipped on machines without access to Prisma's binary host. A user-set engine wins,
// and migrate/db commands stay stock (they need the real engine).
const engineFreeCommands = ['generate', 'validate', 'format'];
if (engineFreeCommands.some((command) => process.argv.includes(command))) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('package.json');
}
process.env.CHECKPOINT_DISABLE ??= '1';

// Every Prisma command reads the deployment's composed schema: core's prisma/schema plus each
// installed plugin's fragment (bundled ones and RAPPORT_PLUGIN_PACKAGES). Stock `prisma migrate
// deploy` reads the composed history: core's migrations plus those of the plugins RAPPORT_PLUGINS
// enables (all installed ones when unset). See docs/migrations.md.
const installed = installedDataModels();
const composed = writeComposed(installed, enabledFromEnv(installed));

export default defineConfig({
  schema: composed.schemaDir,
  migrations: { path: composed.migrationsDir },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://127.0.0.1:5432/rapport' },
});
