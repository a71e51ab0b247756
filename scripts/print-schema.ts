// Writes schema.graphql (the default deployment: core plus every bundled plugin) and one sorted
// snapshot per plugin set under test/schema-snapshots/, which tests compare against the code.
import { mkdir, writeFile } from 'node:fs/promises';
import { schemaSdl, SNAPSHOT_SETS } from '../test/support/schema.js';

const root = new URL('../', import.meta.url);
await writeFile(new URL('schema.graphql', root), schemaSdl());
await mkdir(new URL('test/schema-snapshots/', root), { recursive: true });
for (const [name, plugins] of Object.entries(SNAPSHOT_SETS)) {
  await writeFile(new URL(`test/schema-snapshots/${name}.graphql`, root), schemaSdl(plugins));
}
console.log(`schema.graphql and ${Object.keys(SNAPSHOT_SETS).length} snapshots written`);
