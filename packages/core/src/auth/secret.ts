import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type RapportConfig } from '../config.js';

/**
 * The secret that signs access tokens: RAPPORT_AUTH_SECRET; without it, production refuses to start,
 * and the embedded database generates one and keeps it inside its data folder (mode 0600) so sign-ins
 * survive restarts and deleting the folder starts over completely. The secret itself is never logged.
 */
export async function resolveAuthSecret(config: RapportConfig, log: (line: string) => void = () => {}): Promise<string> {
  if (config.authSecret) return config.authSecret;
  if (config.env === 'production') {
    throw new ConfigError('RAPPORT_AUTH_SECRET is required in production: set it to at least 32 random characters (e.g. `openssl rand -base64 48`)');
  }
  if (config.databaseUrl) {
    throw new ConfigError('RAPPORT_AUTH_SECRET is required with DATABASE_URL (every instance must share it): set it to at least 32 random characters');
  }
  if (config.dataDir.startsWith('memory://')) return randomBytes(32).toString('base64url');
  const file = path.join(path.resolve(config.dataDir), 'auth-secret');
  await adoptSecretBesideDataDir(config.dataDir, file, log);
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing && existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(48).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  log(`Generated an auth secret for the embedded database in ${file}`);
  return secret;
}

/** Earlier versions wrote the secret beside the data folder; move such a file in, so its tokens stay valid. */
async function adoptSecretBesideDataDir(dataDir: string, file: string, log: (line: string) => void): Promise<void> {
  const old = path.join(path.dirname(path.resolve(dataDir)), 'auth-secret');
  if ((await readFile(file, 'utf8').catch(() => null)) !== null) return;
  if ((await readFile(old, 'utf8').catch(() => null)) === null) return;
  await mkdir(path.dirname(file), { recursive: true });
  await rename(old, file);
  log(`Moved the auth secret from ${old} into the data folder: ${file}`);
}
