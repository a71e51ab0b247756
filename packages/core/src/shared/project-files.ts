import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A folder of the project (e.g. `prisma/migrations`), found from the calling module upwards, so the
 * same code finds it from its TypeScript source and from the bundle in `dist/`.
 */
export function projectFolder(moduleUrl: string, relative: string): string {
  const start = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(start, relative);
  }
}
