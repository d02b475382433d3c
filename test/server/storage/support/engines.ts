import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryStore,
  createPostgresStore,
  createSqliteStore,
  type Store,
} from '@halway/server';
import { startPostgres, type TestPostgres } from '../../../support/postgres.js';

/** One engine under test: how to open a fresh store on it, and how to clean up. */
export interface EngineUnderTest {
  name: 'memory' | 'sqlite' | 'postgres';
  /** Whether several processes can share it. */
  shared: boolean;
  /** Opens a fresh, empty store; `where` is what another process needs to open the same one. */
  open(): Promise<{ store: Store; where: string }>;
  /** Stops what `before` started. */
  after(): void;
}

let postgres: TestPostgres | undefined;
let databases = 0;
const directories: string[] = [];

/** The three engines, each opening a fresh database per call. */
export const ENGINES: EngineUnderTest[] = [
  {
    name: 'memory',
    shared: false,
    open: () => Promise.resolve({ store: createMemoryStore(), where: '' }),
    after: () => undefined,
  },
  {
    name: 'sqlite',
    shared: true,
    open() {
      const directory = mkdtempSync(join(tmpdir(), 'halway-sqlite-'));
      directories.push(directory);
      const file = join(directory, 'store.db');
      return Promise.resolve({ store: createSqliteStore({ file }), where: file });
    },
    after() {
      for (const directory of directories.splice(0))
        rmSync(directory, { recursive: true, force: true });
    },
  },
  {
    name: 'postgres',
    shared: true,
    async open() {
      postgres ??= await startPostgres();
      const url = postgres.createDatabase(`halway_test_${++databases}`);
      return { store: createPostgresStore({ connectionString: url }), where: url };
    },
    after() {
      postgres?.stop();
      postgres = undefined;
    },
  },
];

/** Opens the store another process was given (`where` from {@link EngineUnderTest.open}). */
export function openShared(where: string): Store {
  return where.startsWith('postgres://')
    ? createPostgresStore({ connectionString: where })
    : createSqliteStore({ file: where });
}
