// `npm run build` (and `prestart`): bundles the server and the database commands into dist/ with
// esbuild. Rapport's own packages (TypeScript sources) are bundled; every npm dependency stays an
// ordinary import from node_modules, so native/wasm assets (PGlite, Prisma) load as they do in dev.
// esbuild over tsc: one step of about a second, no per-package output folders or second set of
// package exports, and the workspace packages can keep exporting their sources to vitest and tsx.
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const dependenciesStayExternal = {
  name: 'dependencies-stay-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@rapport/') ? undefined : { path: args.path, external: true }));
  },
};

// Modules find their package's files from `import.meta.url` (a plugin's `prisma/` folder, core's
// migrations, the console's assets). Bundled, every module would be dist/server.js; so each source
// keeps its own location, and the bundle runs from the checkout as the sources do. The server's entry
// is the exception: it finds its sibling chunks in dist/.
const bundleEntry = path.resolve('packages/server/src/production.ts');
const sourceLocations = {
  name: 'source-locations',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path === bundleEntry) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

// Tests build into a folder of their own (`node scripts/build.mjs dist/test-…`) so they never read a half-written dist/.
const outdir = process.argv[2] ?? 'dist';
// Chunk names change with their content: old ones must not pile up. Test builds (dist/test-*) may be
// in use by a running test, so they stay.
for (const entry of await readdir(outdir).catch(() => [])) {
  if (!entry.startsWith('test-')) await rm(path.join(outdir, entry), { recursive: true, force: true });
}

await build({
  // core.js: what third-party plugins get for `@rapport/core` (see packages/server/src/production.ts).
  entryPoints: { server: 'packages/server/src/production.ts', core: 'packages/core/src/index.ts', db: 'scripts/db.ts' },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [dependenciesStayExternal, sourceLocations],
});
