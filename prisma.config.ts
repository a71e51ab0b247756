import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads its native schema engine before any command, even `generate`, which never
// runs it. For the commands that only need the WASM tooling, point it at an existing file so the
// download is skipped on machines without access to Prisma's binary host. A user-set engine wins,
// and migrate/db commands stay stock (they need the real engine).
const engineFreeCommands = ['generate', 'validate', 'format'];
if (engineFreeCommands.some((command) => process.argv.includes(command))) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('package.json');
}
process.env.CHECKPOINT_DISABLE ??= '1';

export default defineConfig({
  schema: path.join('prisma', 'schema'),
  migrations: { path: path.join('prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://127.0.0.1:5432/rapport' },
});
