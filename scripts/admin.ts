// `npm run admin:create -- --email <e-mail> --name <name>`: an admin for a fresh deployment (or one
// locked out). Asks for the password on a terminal; otherwise generates one and prints it once.
// DATABASE_URL set → that PostgreSQL database; otherwise the embedded one in RAPPORT_DATA_DIR.
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openDatabase, redactDatabaseUrl } from '../packages/core/src/db/client.js';
import { applyMigrations } from '../packages/core/src/db/migrate.js';
import { createAdmin, generatePassword } from '../packages/core/src/users/bootstrap.js';
import { systemClock } from '../packages/core/src/clock.js';
import { InputError } from '../packages/core/src/errors.js';

const USAGE = 'usage: npm run admin:create -- --email <e-mail> --name <name>';

/** Reads a line without echoing it (a terminal only). */
function askHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let asked = false;
  output._writeToOutput = (s: string) => {
    if (!asked) process.stdout.write(s);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    asked = true;
  });
}

async function choosePassword(): Promise<{ password: string; generated: boolean }> {
  if (!process.stdin.isTTY) return { password: generatePassword(), generated: true };
  const password = await askHidden('Password (empty: generate one): ');
  if (!password) return { password: generatePassword(), generated: true };
  if ((await askHidden('Repeat it: ')) !== password) throw new Error('the passwords differ');
  return { password, generated: false };
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'create') throw new Error(USAGE);
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.name) throw new Error(USAGE);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.RAPPORT_DATA_DIR || path.join('.data', 'pglite');
  const { password, generated } = await choosePassword();
  const db = await openDatabase({ databaseUrl, dataDir });
  try {
    console.log(databaseUrl ? `Database: PostgreSQL (${redactDatabaseUrl(databaseUrl)})` : `Database: PGlite in ${dataDir}`);
    await applyMigrations(db.migrationTarget);
    const result = await createAdmin(db.prisma, { email: values.email, name: values.name, password }, { clock: systemClock, by: 'admin:create' });
    if (!result.created) throw new Error(result.reason);
    console.log(`Created admin ${values.email.trim().toLowerCase()}`);
    // Printed once, here; it is stored only as a hash.
    if (generated) console.log(`Password: ${password}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof InputError ? error.fields.map((f) => `--${f.field}: ${f.message}`).join('; ') : (error as Error).message;
  console.error(`admin:create: ${message}`);
  process.exit(1);
});
