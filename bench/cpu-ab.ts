/**
 * Server CPU per request of one checkout, in process (`createApp` + `app.yoga.fetch`, one request at a
 * time, no jobs), against a database `npm run bench -- --keep-db` left behind. Run it alternately on
 * two checkouts to compare them on a busy machine (see README.md, "Comparing two checkouts").
 * Usage: NODE_ENV=production node --import tsx bench/cpu-ab.ts <checkout> <a|b|c|d> <warm-up requests> <measured requests>
 * With CPU_AB_PROFILE=file.cpuprofile it also writes a CPU profile of the measured requests only
 * (node:inspector, no start-up or warm-up samples), to open in Chrome DevTools. The printed
 * answersSha256 hashes the measured answers (a, b, c): equal hashes on two checkouts, the same answers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const [rootArg, key, warmText, countText] = process.argv.slice(2);
if (!rootArg || !key || !'abcd'.includes(key)) throw new Error('usage: cpu-ab.ts <checkout> <a|b|c|d> <warm-up> <measured>');
const root = path.resolve(rootArg);
const pg = createRequire(path.join(root, 'package.json'))('pg');
const core = await import(path.join(root, 'packages/core/src/index.ts'));
const server = await import(path.join(root, 'packages/server/src/index.ts'));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/rapport_bench';
const config = core.loadConfig({
  NODE_ENV: 'production',
  RAPPORT_AUTH_SECRET: randomBytes(32).toString('hex'),
  RAPPORT_RATE_LIMIT: String(1e9),
  RAPPORT_ACCESS_TOKEN_TTL_SECONDS: '86400',
  RAPPORT_SEED_DEMO: 'never',
  DATABASE_URL: databaseUrl,
});
let statements = 0;
const db = await core.openDatabase({ databaseUrl, onQuery: (sql: string) => { statements++; if (process.env.CPU_AB_SQL) console.error(sql.slice(0, 400)); } });
const app = server.createApp({ config, db, plugins: await server.enabledPlugins(config) });

// The same sample and requests as run.ts.
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const rows: Array<{ id: string; nameKey: string }> = (await client.query('SELECT id::text AS id, "nameKey" FROM "Customer" ORDER BY md5(id::text) LIMIT 1000')).rows;
await client.end();
const ids = rows.map((r) => Buffer.from(`Customer:${r.id}`).toString('base64'));
const prefixes = [...new Set(rows.map((r, i) => r.nameKey.slice(0, 2 + (i % 2))))];
const pick = <T,>(items: T[], i: number) => items[i % items.length]!;
const TIER_A_PAGE = `query TierA($first: Int!) {
  customers(first: $first, filter: { tier: [A] }) {
    totalCount
    edges { node { id name code owner { name } contacts { name email }
      activities(first: 5) { edges { node { id kind subject createdAt } } } } }
  }
}`;
const SCENARIOS: Record<string, (i: number) => { query: string; variables: Record<string, unknown> }> = {
  a: (i) => ({ query: 'query Customer($id: ID!) { customer(id: $id) { id name code contacts { id name email phone } } }', variables: { id: pick(ids, i) } }),
  b: () => ({ query: TIER_A_PAGE, variables: { first: 50 } }),
  c: (i) => ({ query: 'query Search($prefix: String!) { customers(first: 20, filter: { namePrefix: $prefix }) { edges { node { id name code } } } }', variables: { prefix: pick(prefixes, i) } }),
  d: (i) => ({ query: 'mutation Log($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }', variables: { input: { customerId: pick(ids, i), kind: 'CALL', subject: 'Benchmark call' } } }),
};
async function post(body: unknown, token: string | null): Promise<string> {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const text = await (await app.yoga.fetch('http://bench/graphql', { method: 'POST', headers, body: JSON.stringify(body) })).text();
  if (text.includes('"errors"')) throw new Error(text.slice(0, 500));
  return text;
}
const login = 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }';
const token = JSON.parse(await post({ query: login, variables: { input: { email: core.DEMO_ACCOUNTS.admin, password: core.DEMO_PASSWORD } } }, null)).data.login.accessToken;
const [warm, count] = [Number(warmText ?? 100), Number(countText ?? 300)];
for (let i = 0; i < warm; i++) await post(SCENARIOS[key]!(i), token);
const profileFile = process.env.CPU_AB_PROFILE;
const inspector = profileFile ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
statements = 0;
const cpu = process.cpuUsage();
let bytes = 0;
const answers = createHash('sha256');
for (let i = 0; i < count; i++) {
  const text = await post(SCENARIOS[key]!(warm + i), token);
  bytes += text.length;
  answers.update(text);
}
const used = process.cpuUsage(cpu);
if (inspector && profileFile) {
  const { profile } = await inspector.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
}
console.log(JSON.stringify({ checkout: root, scenario: key, cpuMsPerReq: (used.user + used.system) / 1000 / count, statementsPerReq: statements / count, bytesPerReq: bytes / count, answersSha256: key === 'd' ? undefined : answers.digest('hex').slice(0, 16) }));
await app.close();
process.exit(0);
