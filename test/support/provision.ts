// Mocha hooks that find (or install) the programs some tests drive, through the one module that
// .ci/run uses too. An install by apt-get takes minutes, hence the hooks' own timeout.
import { findChromium, findPostgres } from '../../scripts/provision.js';

const INSTALL_TIMEOUT = 600_000;
let chromium: string | undefined;
let postgres: string | undefined;

/** The Chromium executable the browser tests launch (found or installed once per run). */
export function chromiumPath(): string {
  return (chromium ??= findChromium());
}

/** The directory of the PostgreSQL 15 server programs (found or installed once per run). */
export function postgresBin(): string {
  return (postgres ??= findPostgres());
}

/** A `before` hook for browser tests: Chromium is there afterwards, or the hook says what to do. */
export function provideChromium(this: Mocha.Context): void {
  this.timeout(INSTALL_TIMEOUT);
  chromiumPath();
}

/** A `before` hook for PostgreSQL tests: its server programs are there afterwards. */
export function providePostgres(this: Mocha.Context): void {
  this.timeout(INSTALL_TIMEOUT);
  postgresBin();
}
