// The coffee shop as `npm start` runs it (examples/coffee-shop/src/main.ts): a supervisor and,
// per service, COFFEE_SHOP_WORKERS processes on one database: SQLite files in a temporary
// folder, or PostgreSQL databases. Tests kill its processes with SIGKILL and read its databases.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@halway/example-coffee-shop';
import { createPostgresStore, createSqliteStore, type Store } from '@halway/server';
import { freePort } from '../../server/support/listen.js';

const MAIN = 'examples/coffee-shop/src/main.ts';
export const SERVICES: readonly ServiceName[] = ['orders', 'payments', 'kitchen'];

/** A running shop: its URLs, staff token, databases, and what it logged. */
export interface RunningShop {
  urls: Record<ServiceName, string>;
  staffToken: string;
  /** Opens a store on a service's database (close it when done). */
  openStore(name: ServiceName): Store;
  /** SIGKILLs every process of a service (its primary and workers); the supervisor restarts it. */
  kill(name: ServiceName): number[];
  /** Resolves once the supervisor says the service is back, bounded by `timeout`. */
  back(name: ServiceName, timeout?: number): Promise<void>;
  /** What the supervisor and services wrote to stderr. */
  errors(): string;
  /** Stops everything and removes the SQLite files. */
  stop(): Promise<void>;
}

/** Where each service keeps its data: `sqlite` (files), or PostgreSQL URLs per service. */
export type ShopDatabases = 'sqlite' | Record<ServiceName, string>;

/** Starts the shop with `workers` processes per service on the given databases. */
export async function runShop(databases: ShopDatabases, workers: number): Promise<RunningShop> {
  const data = mkdtempSync(join(tmpdir(), 'halway-shop-'));
  const ports = await Promise.all(SERVICES.map(() => freePort()));
  const staffToken = randomUUID();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ORDERS_PORT: String(ports[0]),
    PAYMENTS_PORT: String(ports[1]),
    KITCHEN_PORT: String(ports[2]),
    COFFEE_SHOP_DATA: data,
    COFFEE_SHOP_WORKERS: String(workers),
    COFFEE_SHOP_STAFF_TOKEN: staffToken,
  };
  if (databases !== 'sqlite') {
    for (const name of SERVICES) env[`${name.toUpperCase()}_DATABASE_URL`] = databases[name];
  }
  const supervisor: ChildProcess = spawn(
    process.execPath,
    ['--conditions=halway-source', '--import', 'tsx', MAIN],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  supervisor.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  supervisor.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await until(
    () => stdout.includes('Press Ctrl-C'),
    60_000,
    () => `the shop did not start: ${stderr}`,
  );

  const urls = Object.fromEntries(
    SERVICES.map((name, index) => [name, `http://localhost:${ports[index]}`]),
  ) as Record<ServiceName, string>;
  const processesOf = (name: ServiceName): number[] => {
    const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
    const rows = table
      .split('\n')
      .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args: args ?? '' }));
    const tree = new Set([supervisor.pid]);
    for (let depth = 0; depth < 3; depth++)
      for (const row of rows) if (tree.has(row.ppid)) tree.add(row.pid);
    return rows
      .filter((row) => tree.has(row.pid) && row.args.includes(`serve-one.ts ${name}`))
      .map((row) => row.pid);
  };
  return {
    urls,
    staffToken,
    openStore(name) {
      return databases === 'sqlite'
        ? createSqliteStore({ file: join(data, `${name}.db`) })
        : createPostgresStore({ connectionString: databases[name] });
    },
    kill(name) {
      const pids = processesOf(name);
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      return pids;
    },
    async back(name, timeout = 20_000) {
      const mark = stderr.length;
      await until(
        () => stderr.slice(mark).includes(`The ${name} service is back`),
        timeout,
        () => `${name} did not come back: ${stderr.slice(mark)}`,
      );
    },
    errors: () => stderr,
    async stop() {
      if (supervisor.exitCode === null) {
        const exited = new Promise((resolve) => supervisor.once('exit', resolve));
        supervisor.kill('SIGTERM');
        const timer = setTimeout(() => {
          for (const name of SERVICES)
            for (const pid of processesOf(name)) process.kill(pid, 'SIGKILL');
          supervisor.kill('SIGKILL');
        }, 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Waits until `done()` holds, checking every 50 ms, for at most `timeout` ms. */
export async function until(
  done: () => boolean | Promise<boolean>,
  timeout: number,
  failure: () => string,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
