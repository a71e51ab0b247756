// One-off measurement of spreadsheet import and export at scale, on PostgreSQL, in one process (the
// server's RSS is this process's): a 100k-row CSV imported through the GraphQL multipart upload, then
// 200k customers exported as CSV and XLSX through the download link.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --expose-gc --import tsx bench/data-io.ts [importRows] [exportRows]
// `npm run bench:import` is the 100k-row import alone (exportRows 0 skips the exports).
import { applyMigrations, loadConfig, openDatabase, seedDemoData } from '@rapport/core';
import { createTestDatabase } from '@rapport/core/testing';
import { createApp } from '@rapport/server';

const importRows = Number(process.argv[2] ?? 100_000);
const exportRows = Number(process.argv[3] ?? 200_000);
const pg = await createTestDatabase('rapport_bench_dataio');
if (!pg) throw new Error('Set DATABASE_URL to a PostgreSQL server');
const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: pg.url, RAPPORT_AUTH_SECRET: 'bench-secret-that-is-at-least-32-characters', RAPPORT_RATE_LIMIT: '1000000' });
const db = await openDatabase({ databaseUrl: pg.url, dataDir: 'memory://' });
await applyMigrations(db.migrationTarget);
await seedDemoData(db.prisma, { customers: 10, now: new Date(), seed: 7 });
const app = createApp({ config, db });
const url = await app.listen(0, '127.0.0.1');

// RSS includes garbage V8 has not collected yet; with --expose-gc the sampler also collects every
// second and records the live heap after it, which is what "bounded" is about.
let peak = 0;
let peakLive = 0;
let ticks = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
  if (global.gc && ++ticks % 20 === 0) {
    global.gc();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  }
}, 50);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
async function measured<T>(label: string, run: () => Promise<T>): Promise<T> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const liveBefore = process.memoryUsage().heapUsed;
  peak = before;
  peakLive = liveBefore;
  const started = performance.now();
  const result = await run();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s, RSS before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)}); live heap after GC before ${mb(liveBefore)}, peak ${mb(peakLive)} (+${mb(peakLive - liveBefore)})`);
  return result;
}

async function gql(query: string, variables: object, bearer: string, retries = 3): Promise<any> {
  // A kept-alive socket the busy server closes just as a poll reuses it fails the request (ECONNRESET,
  // "other side closed"): ask again on a new one.
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) }).catch((error: Error) => {
    if (retries > 0 && error instanceof TypeError) return null;
    throw error;
  });
  if (!response) return gql(query, variables, bearer, retries - 1);
  const body = (await response.json()) as any;
  // A 100k-row import outlasts the access token (15 minutes): log in again and ask again.
  if (body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' && bearer && retries > 0) {
    token = await login();
    return gql(query, variables, token, retries - 1);
  }
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const login = async () => (await gql('mutation { login(input: { email: "admin@demo.local", password: "demo" }) { accessToken } }', {}, '')).login.accessToken as string;
let token = '';
token = await login();
const csv = ['客户名称,电话,邮箱,省份,城市,等级,标签,联系人,手机', ...Array.from({ length: importRows }, (_, i) => `测量公司${i},021-${String(10_000_000 + i)},m${i}@example.cn,上海,浦东,${'ABCD'[i % 4]},vip,联系人${i},139${String(i).padStart(8, '0')}`)].join('\n');
const bytes = new TextEncoder().encode(csv);
console.log(`import file: ${importRows} rows, ${mb(bytes.byteLength)}`);

await measured(`import ${importRows} rows`, async () => {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: 'mutation($input: ImportRecordsInput!) { importRecords(input: $input) { dataImport { id status } userErrors { message } } }', variables: { input: { entity: 'CUSTOMER', file: null, background: true } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', new Blob([bytes]), 'bench.csv');
  const started = (await (await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })).json()) as any;
  const id = started.data.importRecords.dataImport.id;
  const importStarted = performance.now();
  // A background import commits batch by batch, so the row's counts show the progress.
  let lastReport = performance.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const { node } = await gql('query($id: ID!) { node(id: $id) { ... on DataImport { status totalRows createdCount invalidCount failure } } }', { id }, token);
    if (node.status !== 'RUNNING') return console.log('  ', node, `peak RSS ${mb(peak)}`);
    if (performance.now() - lastReport > 60_000) {
      lastReport = performance.now();
      console.log(`   ${node.totalRows} rows after ${((performance.now() - importStarted) / 1000).toFixed(0)} s, RSS ${mb(process.memoryUsage().rss)}, pool ${JSON.stringify(db.poolStats?.())}`);
    }
  }
});

// Up to exportRows customers: the rest straight in SQL (the export is measured, not the seed).
if (exportRows > 0)
  await db.prisma.$executeRawUnsafe(`
  INSERT INTO "Customer" (id, name, "nameKey", phone, "phoneDigits", tags, "updatedAt")
  SELECT gen_random_uuid(), '补充公司' || g, '补充公司' || g, '0571-' || g, '0571' || g, ARRAY['vip'], now()
  FROM generate_series(1, GREATEST(0, ${exportRows} - (SELECT count(*) FROM "Customer"))) AS g`);
// Statistics for the rows just added: without them the planner took the export's primary-contact join
// through the Contact index for every customer (440M index tuples fetched in a 200k run that had not
// finished its CSV after 10 minutes).
if (exportRows > 0) await db.prisma.$executeRawUnsafe('ANALYZE');

for (const format of exportRows > 0 ? ['CSV', 'XLSX'] : []) {
  await measured(`export ${exportRows} customers as ${format}`, async () => {
    const { requestExport } = await gql('mutation($input: RequestExportInput!) { requestExport(input: $input) { path } }', { input: { entity: 'CUSTOMER', format } }, token);
    const response = await fetch(new URL(requestExport.path, url));
    let received = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.byteLength;
    console.log(`   ${mb(received)} downloaded`);
  });
}

clearInterval(sampler);
await app.close();
await pg.drop();
