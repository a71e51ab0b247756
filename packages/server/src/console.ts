import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import sirv from 'sirv';

/** Where the console's built assets are (`npm run build:console`), or null when it was not built. */
export function defaultConsoleDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('@rapport/console/package.json')), 'dist');
    return existsSync(join(dir, 'index.html')) ? dir : null;
  } catch {
    return null;
  }
}

export type ConsoleHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Serves the console at `/` and its hashed bundles under `/assets/` (cached for a year: the names
 * change with their content). The app routes by URL hash, so no other path needs a fallback.
 */
export function consoleHandler(dir: string | null): ConsoleHandler {
  if (!dir) {
    return (req, res) => {
      if (pathOf(req) !== '/') return false;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('The console is not built: run `npm run build:console`. The graph is at /graphql.');
      return true;
    };
  }
  const assets = sirv(dir, { immutable: true, maxAge: 31_536_000, gzip: false, etag: true });
  const page = sirv(dir, { maxAge: 0, etag: true });
  return (req, res) => {
    const path = pathOf(req);
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const handler = path === '/' || path === '/index.html' ? page : path.startsWith('/assets/') ? assets : null;
    if (!handler) return false;
    handler(req, res, () => void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'));
    return true;
  };
}

const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://localhost').pathname;
