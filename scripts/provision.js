#!/usr/bin/env node
/**
 * Finds, and when it may installs, the programs the tests drive: Chromium for the browser tests
 * and the PostgreSQL 15 server for the storage tests. The browser tests' before-hooks, the
 * PostgreSQL test helper and `.ci/run` all use it, so a fresh machine behaves the same under
 * `npm test` as in CI. Plain Node with no dependencies: `.ci/run` calls it before `npm ci`.
 *
 * `node scripts/provision.js chromium postgres` prints each program's path, or says what to do.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where Debian's chromium package puts the browser. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** Where Debian's postgresql package puts the version 15 server programs. */
export const DEBIAN_POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/** A program the tests need is missing and could not be installed. */
export class ProvisionError extends Error {
  name = 'ProvisionError';
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// apt-get directly as root, through sudo when it needs no password, otherwise not at all.
function aptPrefix() {
  if (!isExecutable('/usr/bin/apt-get')) return undefined;
  if (process.getuid?.() === 0) return [];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 10_000 });
  return sudo.status === 0 ? ['sudo', '-n'] : undefined;
}

function aptInstall(prefix, debianPackage) {
  process.stderr.write(`Installing Debian's ${debianPackage} for the tests (apt-get)…\n`);
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', debianPackage],
  ]) {
    const [command, ...rest] = [...prefix, ...args];
    const result = spawnSync(command, rest, {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 600_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0)
      throw new ProvisionError(`${args.join(' ')} failed: ${result.stderr || result.error}`);
  }
}

/**
 * The path of a Chromium to drive: `CHROMIUM_PATH` when set, else Debian's `/usr/bin/chromium`,
 * else that package installed now (as root, or with `sudo -n`). Throws a {@link ProvisionError}
 * that says what to do when none of these works. `options` are for tests: another place to look
 * instead of Debian's, and whether installing is allowed.
 */
export function findChromium({ debian = DEBIAN_CHROMIUM, install = true } = {}) {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) {
    if (isExecutable(wanted)) return wanted;
    throw new ProvisionError(`CHROMIUM_PATH is ${wanted}, which is not an executable file`);
  }
  if (isExecutable(debian)) return debian;
  const prefix = install ? aptPrefix() : undefined;
  if (prefix) {
    aptInstall(prefix, 'chromium');
    if (isExecutable(debian)) return debian;
  }
  throw new ProvisionError(
    `The browser tests need Chromium, and ${debian} is missing. Either install it ` +
      `(Debian/Ubuntu: sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or ` +
      `Chrome executable (e.g. after npx playwright-core install chromium, the path it prints; on ` +
      `macOS "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome").`,
  );
}

/**
 * The directory of the PostgreSQL 15 server programs (`initdb`, `pg_ctl`, `psql`): `PG_BIN`
 * when set, else Debian's `/usr/lib/postgresql/15/bin`, else the postgresql package installed
 * now (as root, or with `sudo -n`). Throws a {@link ProvisionError} that says what to do;
 * `options` as for {@link findChromium}.
 */
export function findPostgres({ debian = DEBIAN_POSTGRES_BIN, install = true } = {}) {
  const wanted = process.env.PG_BIN ?? process.env.POSTGRES_BIN;
  if (wanted) {
    if (isExecutable(join(wanted, 'initdb'))) return wanted;
    throw new ProvisionError(`PG_BIN is ${wanted}, which holds no executable initdb`);
  }
  if (isExecutable(join(debian, 'initdb'))) return debian;
  const prefix = install ? aptPrefix() : undefined;
  if (prefix) {
    aptInstall(prefix, 'postgresql-15');
    if (isExecutable(join(debian, 'initdb'))) return debian;
  }
  throw new ProvisionError(
    `The storage tests need the PostgreSQL 15 server programs, and ${debian} is ` +
      `missing. Either install them (Debian/Ubuntu: sudo apt-get install postgresql-15), or set ` +
      `PG_BIN to the directory that holds initdb, pg_ctl and psql (e.g. $(pg_config --bindir)).`,
  );
}

const finders = { chromium: () => findChromium(), postgres: () => findPostgres() };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let failed = false;
  for (const name of process.argv.slice(2)) {
    const find = finders[name];
    try {
      if (!find) throw new ProvisionError(`unknown program ${name}: use chromium or postgres`);
      console.log(`${name}: ${find()}`);
    } catch (error) {
      failed = true;
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}
