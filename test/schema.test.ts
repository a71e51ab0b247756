import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaSdl } from './support/schema.js';

describe('committed schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:print` after changing the graph)', async () => {
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(schemaSdl()).toBe(committed);
  });
});
