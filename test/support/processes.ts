import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

/** A child process whose output (stdout and stderr) is kept and can be waited on. */
export interface Run {
  child: ChildProcess;
  pid: number;
  output: () => string;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

export function run(command: string, args: string[], env: Record<string, string | undefined>, cwd = process.cwd()): Run {
  const child = spawn(command, args, { env: env as NodeJS.ProcessEnv, cwd });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    pid: child.pid!,
    output: () => output,
    exited,
    kill: (signal) => child.kill(signal),
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = output.match(pattern);
        if (match) return match;
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Timed out waiting for ${pattern}; output:\n${output}`);
    },
  };
}

/** The process's descendants now (children, grandchildren, …), from /proc. */
export async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    // Field 4 (after the parenthesised command name) is the parent pid.
    const parent = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (!Number.isNaN(parent)) parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const visit = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether something accepts TCP connections on the port. */
export function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Builds the production bundle into a folder of its own under dist/ and returns its server entry. */
export async function buildServer(): Promise<{ server: string; db: string; dir: string }> {
  const dir = path.resolve('dist', `test-${randomUUID().slice(0, 8)}`);
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', dir]);
  return { server: path.join(dir, 'server.js'), db: path.join(dir, 'db.js'), dir };
}

/** The environment of a server child process: this one's, without a database or service URLs it may have. */
export function childEnv(env: Record<string, string>): Record<string, string | undefined> {
  const { DATABASE_URL: _db, REDIS_URL: _redis, OTEL_EXPORTER_OTLP_ENDPOINT: _otel, ...inherited } = process.env;
  return { ...inherited, HOST: '127.0.0.1', ...env };
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
