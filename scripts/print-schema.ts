// Writes schema.graphql: the SDL of the default deployment (core plus every bundled plugin).
import { writeFile } from 'node:fs/promises';
import { schemaSdl } from '../test/support/schema.js';

const sdl = schemaSdl();
await writeFile(new URL('../schema.graphql', import.meta.url), sdl);
console.log(`schema.graphql written (${sdl.split('\n').length} lines)`);
