// Writes schema.graphql (the default deployment: core plus every bundled plugin) and one sorted
// snapshot per plugin set under test/schema-snapshots/, which tests compare against the code, plus one per
// extra endpoint a plugin serves (e.g. test/schema-snapshots/partner-portal.graphql).
import { mkdir, writeFile } from 'node:fs/promises';
import { endpointSdls, schemaSdl, SNAPSHOT_SETS } from '../test/support/schema.js';

const root = new URL('../', import.meta.url);
await writeFile(new URL('schema.graphql', root), schemaSdl());
await mkdir(new URL('test/schema-snapshots/', root), { recursive: true });
for (const [name, plugins] of Object.entries(SNAPSHOT_SETS)) {
  await writeFile(new URL(`test/schema-snapshots/${name}.graphql`, root), schemaSdl(plugins));
}
// Plugins' extra endpoints (e.g. partner-portal) in the default deployment: a schema of their own each.
const endpoints = endpointSdls();
for (const [name, sdl] of Object.entries(endpoints)) await writeFile(new URL(`test/schema-snapshots/${name}.graphql`, root), sdl);
console.log(`schema.graphql, ${Object.keys(SNAPSHOT_SETS).length} snapshots and ${Object.keys(endpoints).length} endpoint snapshots written`);
