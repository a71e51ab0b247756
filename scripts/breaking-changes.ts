// The breaking-change check: compares the graph the code builds (schema.graphql and each extra
// endpoint) with the last released one under schema-released/, and fails on a breaking change that
// CHANGELOG.md does not announce by its schema coordinate in backticks (e.g. `Query.customer`).
// At a release, copy the printed schemas into schema-released/ (`npm run schema:release`).
import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, type BreakingChange } from 'graphql';

export interface UnannouncedChange {
  endpoint: string;
  coordinate: string;
  description: string;
}

/**
 * The schema coordinate a graphql-js breaking-change description names: the word it starts with
 * (`Query.customer`), or after "on" for an added required argument or input field
 * ("A required arg input on Mutation.quotePdfLink was added." names `Mutation.quotePdfLink`).
 */
export function coordinateOf(change: BreakingChange): string {
  const added = /^A required (?:arg \w+|field \w+) on (?:input type )?([\w.]+) was added/.exec(change.description);
  return added ? added[1]! : change.description.split(' ')[0]!.replace(/\.$/, '');
}

/** Coordinates CHANGELOG.md names in backticks. */
export function announcedCoordinates(changelog: string): Set<string> {
  return new Set([...changelog.matchAll(/`([A-Za-z_][\w.]*(?:\([\w:]*\))?)`/g)].map((m) => m[1]!));
}

/** Breaking changes from `released` to `current` that the changelog does not name. */
export function unannouncedBreakingChanges(endpoint: string, released: string, current: string, changelog: string): UnannouncedChange[] {
  const announced = announcedCoordinates(changelog);
  return findBreakingChanges(buildSchema(released), buildSchema(current))
    .map((change) => ({ endpoint, coordinate: coordinateOf(change), description: change.description }))
    .filter((change) => !announced.has(change.coordinate));
}

/** Each endpoint's released SDL file and the printed SDL it is compared with. */
export const ENDPOINTS = [
  { endpoint: 'graphql', released: 'schema-released/rapport.graphql', current: 'schema.graphql' },
  { endpoint: 'partner-portal', released: 'schema-released/partner-portal.graphql', current: 'test/schema-snapshots/partner-portal.graphql' },
] as const;

export function checkRepository(root: URL): UnannouncedChange[] {
  const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
  const changelog = read('CHANGELOG.md');
  return ENDPOINTS.flatMap((e) => unannouncedBreakingChanges(e.endpoint, read(e.released), read(e.current), changelog));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const unannounced = checkRepository(new URL('../', import.meta.url));
  for (const c of unannounced) console.error(`${c.endpoint}: ${c.description} (announce \`${c.coordinate}\` in CHANGELOG.md)`);
  if (unannounced.length) process.exit(1);
  console.log('no unannounced breaking changes');
}
