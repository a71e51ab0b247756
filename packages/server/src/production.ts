// Entry point of the production bundle (dist/server.js). Third-party plugin packages import
// `@rapport/core`; in the bundle that must be the server's own copy (dist/core.js, sharing its
// chunks), not the TypeScript sources the workspace package exports. A resolve hook maps it.
import { register } from 'node:module';

const hook = `
let core;
export async function initialize(data) { core = data.core; }
export async function resolve(specifier, context, next) {
  return specifier === '@rapport/core' ? { url: core, shortCircuit: true } : next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url, { data: { core: new URL('./core.js', import.meta.url).href } });
await import('./main.js');
