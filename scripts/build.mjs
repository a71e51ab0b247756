// `npm run build` (and `prestart`): bundles the server and the database commands into dist/ with
// esbuild. Rapport's own packages (TypeScript sources) are bundled; every npm dependency stays an
// ordinary import from node_modules, so native/wasm assets (PGlite, Prisma) load as they do in dev.
// esbuild over tsc: one step of about a second, no per-package output folders or second set of
// package exports, and the workspace packages can keep exporting their sources to vitest and tsx.
import { build } from 'esbuild';

const dependenciesStayExternal = {
  name: 'dependencies-stay-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@rapport/') ? undefined : { path: args.path, external: true }));
  },
};

// Tests build into a folder of their own (`node scripts/build.mjs dist/test-…`) so they never read a half-written dist/.
const outdir = process.argv[2] ?? 'dist';

await build({
  entryPoints: { server: 'packages/server/src/main.ts', db: 'scripts/db.ts' },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [dependenciesStayExternal],
});
