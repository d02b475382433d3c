// npm run bench:writes: validated, transactional writes (POST of a new order, one JSON document
// written in a transaction) per second, side by side in one run, alternating rounds:
// Halway on memory, SQLite and PostgreSQL, and a hand-written Express + ajv + better-sqlite3
// handler doing the same validation and write. Then the outbox: orders placed with one message
// each to a peer, how fast they are accepted and how fast the relay delivers them.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createService, defineHome, serve } from '@halway/server';
import { startPostgres } from '../support/postgres.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const servers = fileURLToPath(new URL('./write-servers.ts', import.meta.url));
const body = JSON.stringify({ drink: 'latte', quantity: 2, name: 'Ada' });

async function start(
  which: string,
  port: number,
  where: string,
  notify = '',
): Promise<ChildProcess> {
  const child = fork(servers, [which, String(port), where, notify], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${which} exited with ${code}`)));
  });
  return child;
}

async function load(url: string, seconds = SECONDS): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const pendingOf = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    child.once('message', (message: { pending: number }) => resolve(message.pending));
    child.send('pending');
  });

const directory = mkdtempSync(join(tmpdir(), 'halway-bench-'));
const postgres = await startPostgres();
const children: ChildProcess[] = [];
try {
  const sides = [
    ['halway-memory', 39101, ''],
    ['halway-sqlite', 39102, join(directory, 'halway.db')],
    ['halway-postgres', 39103, postgres.createDatabase('bench')],
    ['express-sqlite', 39104, join(directory, 'express.db')],
  ] as const;
  for (const [which, port, where] of sides) children.push(await start(which, port, where));
  const rates: Record<string, number[]> = {};
  for (const [, port] of sides) await load(`http://127.0.0.1:${port}/`, 1);
  for (let round = 1; round <= ROUNDS; round++) {
    const line: string[] = [];
    for (const [which, port] of sides) {
      const rate = await load(`http://127.0.0.1:${port}/`);
      (rates[which] ??= []).push(rate);
      line.push(`${which} ${rate.toFixed(0)}`);
    }
    console.log(`round ${round} (writes/s): ${line.join(', ')}`);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
  const express = median(rates['express-sqlite'] ?? []);
  for (const [which] of sides) {
    const rate = median(rates[which] ?? []);
    console.log(
      `${which.padEnd(16)} ${rate.toFixed(0).padStart(6)} writes/s  ${(rate / express).toFixed(2)}× express-sqlite`,
    );
  }
  for (const child of children.splice(0)) child.kill();

  // The outbox: every order tells a peer, which records it once per Idempotency-Key.
  const peer = createService({
    resources: [
      defineHome().action('record', {
        method: 'POST',
        input: {
          type: 'object',
          properties: {
            drink: { type: 'string' },
            quantity: { type: 'integer' },
            name: { type: 'string' },
          },
        },
        handle: async ({ db, input }) => {
          await db.insert('record', input);
        },
      }),
    ],
    logger: false,
  });
  const quiet = { info() {}, warn() {}, error() {} };
  const listening = await serve(peer, {
    port: 0,
    host: '127.0.0.1',
    logger: quiet,
    signals: false,
  });
  const sender = await start(
    'halway-sqlite',
    39105,
    join(directory, 'sender.db'),
    `${listening.url}/`,
  );
  children.push(sender);
  const started = Date.now();
  const accepted = await load('http://127.0.0.1:39105/');
  const placed = Math.round(accepted * SECONDS);
  let pending = await pendingOf(sender);
  const backlog = pending;
  while (pending > 0 && Date.now() - started < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    pending = await pendingOf(sender);
  }
  const seconds = (Date.now() - started) / 1000;
  const records = await peer.store.read(
    async (db) => (await db.find('record', { limit: 1 })).total,
  );
  console.log(
    `outbox on sqlite: ${accepted.toFixed(0)} orders/s accepted, backlog ${backlog} when the load stopped, ` +
      `${records} of ~${placed} delivered in ${seconds.toFixed(1)} s (${(records / seconds).toFixed(0)} deliveries/s), ${pending} left`,
  );
  await listening.close();
} finally {
  for (const child of children) child.kill();
  postgres.stop();
  rmSync(directory, { recursive: true, force: true });
}
