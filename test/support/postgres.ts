import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresBin } from './provision.js';

/** A throwaway PostgreSQL server on a loopback port, for tests. */
export interface TestPostgres {
  /** A `postgres://` URL of its `postgres` database. */
  url: string;
  /** Creates a fresh, empty database and returns its URL. */
  createDatabase(name: string): string;
  /** Stops the server and removes its files. */
  stop(): void;
}

const isRoot = process.getuid?.() === 0;

// PostgreSQL refuses to run as root: run its programs as the postgres user then.
function run(program: string, args: string[]): void {
  const bin = postgresBin();
  const [command, commandArgs] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
    : [join(bin, program), args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0)
    throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts PostgreSQL in a temporary directory (initdb, pg_ctl) on a free loopback port. Its
 * programs come from {@link postgresBin}: `PG_BIN`, Debian's, or installed now.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'halway-pg-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-t',
    '30',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    'start',
  ]);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  return {
    url: `${base}/postgres`,
    createDatabase(name) {
      run('psql', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-qc',
        `CREATE DATABASE "${name}"`,
      ]);
      return `${base}/${name}`;
    },
    stop() {
      const pgCtl = join(postgresBin(), 'pg_ctl');
      spawnSync(
        isRoot ? 'runuser' : pgCtl,
        isRoot
          ? ['-u', 'postgres', '--', pgCtl, '-D', data, '-m', 'immediate', 'stop']
          : ['-D', data, '-m', 'immediate', 'stop'],
        { timeout: 30_000 },
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
