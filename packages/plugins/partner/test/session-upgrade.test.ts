// The upgrade that moved portal sessions into core's session service (migration
// 20261203140100_principal_sessions): a partner signed in before it stays signed in after it, and a
// session ended before it stays ended. The database is migrated to the release before, given sessions
// in the old tables, then served by today's server, which applies the rest.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { applyMigrations, resolvePlugins, type MigrationTarget } from '@rapport/core';
import { createTestDatabase } from '@rapport/core/testing';
import partnerPlugin from '@rapport/plugin-partner';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, type DatabaseKind } from '../../../../test/support/harness.js';
import { portalUrl, postGraphQL } from '../../../../test/support/portal.js';

const kinds = await databaseKinds();
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const partnerPrisma = fileURLToPath(new URL('../prisma/', import.meta.url));
/** The first migrations of each history that are not in the release before the move. */
const CORE_MOVE = '20261203140000_principal_sessions';
const PARTNER_MOVE = '20261203140100_principal_sessions';

const REFRESH = 'mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken refreshToken } }';
const LIVE_TOKEN = 'refresh-token-issued-before-the-upgrade';
const ENDED_TOKEN = 'refresh-token-of-a-session-signed-out-before';

const temp: string[] = [];
const databases: Array<{ drop(): Promise<void> }> = [];
afterAll(() => Promise.all([...temp.map((dir) => rm(dir, { recursive: true, force: true })), ...databases.map((db) => db.drop())]));

/** Copies of the core and partner migration folders holding only the migrations before `CORE_MOVE`/`PARTNER_MOVE`. */
async function releaseBefore() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'rapport-release-before-'));
  temp.push(root);
  const copy = async (from: string, to: string, before: string) => {
    for (const name of (await readdir(from)).filter((n) => n < before || n.endsWith('.toml'))) await cp(path.join(from, name), path.join(to, name), { recursive: true });
  };
  const core = path.join(root, 'core');
  const partner = path.join(root, 'partner');
  await copy(path.join(repoRoot, 'prisma/migrations'), core, CORE_MOVE);
  await copy(path.join(partnerPrisma, 'migrations'), path.join(partner, 'migrations'), PARTNER_MOVE);
  return { migrationsDir: core, plugins: [{ name: 'partner', dir: partner }] };
}

// As core stores refresh tokens (auth/tokens.ts).
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** An organisation with one portal user holding a live session and a signed-out one, in the old tables. */
const OLD_SESSIONS = `
INSERT INTO "PartnerOrganization" ("id", "name", "tier", "updatedAt") VALUES ('00000000-0000-4000-8000-000000000001', 'Upgrade Channel', 'GOLD', now());
INSERT INTO "PartnerUser" ("id", "partnerId", "email", "name", "passwordHash", "updatedAt")
  VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'una@upgrade.example', 'Una', 'not-used', now());
INSERT INTO "PartnerSession" ("id", "partnerUserId", "createdAt") VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', '2026-11-01T08:00:00Z');
INSERT INTO "PartnerSession" ("id", "partnerUserId", "createdAt", "revokedAt") VALUES ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002', '2026-10-30T08:00:00Z', '2026-10-31T08:00:00Z');
INSERT INTO "PartnerRefreshToken" ("id", "sessionId", "tokenHash", "expiresAt")
  VALUES ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000003', '${sha256(LIVE_TOKEN)}', '2027-01-01T00:00:00Z'),
         ('00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-000000000004', '${sha256(ENDED_TOKEN)}', '2027-01-01T00:00:00Z');
`;

/** A database at the release before the move, holding OLD_SESSIONS: how to serve it. */
async function oldDatabase(database: DatabaseKind): Promise<{ databaseUrl?: string; dataDir?: string }> {
  const options = await releaseBefore();
  if (database === 'pglite') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-upgrade-'));
    temp.push(dataDir);
    const pglite = new PGlite(dataDir);
    await migrateAndFill({ kind: 'pglite', pglite }, options, (sql) => pglite.exec(sql));
    await pglite.close();
    return { dataDir };
  }
  const created = (await createTestDatabase('rapport_session_upgrade'))!;
  databases.push(created);
  const client = new pg.Client({ connectionString: created.url });
  await client.connect();
  try {
    await migrateAndFill({ kind: 'postgres', connectionString: created.url }, options, (sql) => client.query(sql));
  } finally {
    await client.end();
  }
  return { databaseUrl: created.url };
}

async function migrateAndFill(target: MigrationTarget, options: Awaited<ReturnType<typeof releaseBefore>>, exec: (sql: string) => Promise<unknown>) {
  const { applied } = await applyMigrations(target, options);
  expect(applied).not.toContain(CORE_MOVE);
  await exec(OLD_SESSIONS);
}

describeOnDatabases(kinds)('portal sessions across the session-service upgrade on %s', (database) => {
  it('keeps a partner signed in before the upgrade signed in, and a signed-out session ended', async () => {
    const existing = await oldDatabase(database);
    const server = await startTestServer({ database, plugins: resolvePlugins([partnerPlugin], ['partner']), existing });
    try {
      const portal = portalUrl(server.url);
      const refreshed = await postGraphQL(portal, REFRESH, { input: { refreshToken: LIVE_TOKEN } });
      expect(refreshed.body.errors).toBeUndefined();
      const { accessToken, refreshToken } = refreshed.body.data.refreshToken;
      expect((await postGraphQL(portal, '{ me { email organization { name } } }', undefined, `Bearer ${accessToken}`)).body.data.me).toEqual({
        email: 'una@upgrade.example',
        organization: { name: 'Upgrade Channel' },
      });
      expect(errorOf((await postGraphQL(portal, REFRESH, { input: { refreshToken: ENDED_TOKEN } })).body).code).toBe('UNAUTHENTICATED');
      // Staff sessions are apart: the partner's token is refused on the internal graph, and not spent there.
      expect(errorOf((await postGraphQL(server.url, REFRESH, { input: { refreshToken } })).body).code).toBe('UNAUTHENTICATED');
      // The copied token was rotated like any other: reusing it ends the session, its successor included.
      expect(errorOf((await postGraphQL(portal, REFRESH, { input: { refreshToken: LIVE_TOKEN } })).body).code).toBe('UNAUTHENTICATED');
      expect(errorOf((await postGraphQL(portal, REFRESH, { input: { refreshToken } })).body).code).toBe('UNAUTHENTICATED');
    } finally {
      await server.close();
    }
  }, 240_000); // two whole migration runs on a database on disk
});
