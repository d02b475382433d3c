// npm run bench: Halway's HAL-FORMS resource against plain Express res.json on the same payload.
// Each server runs in its own process on the packages' built dist/ (the script runs tsc -b
// first), as in production; autocannon loads them in turn, alternating, and the best of each
// side's rounds is compared. The goal: Halway at 90% or more of Express. Run it on a quiet
// machine: other load skews the ratio.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL = 0.9;
const servers = fileURLToPath(new URL('./servers.ts', import.meta.url));

async function start(which: 'express' | 'halway', port: number): Promise<ChildProcess> {
  const child = fork(servers, [which, String(port)], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${which} server exited with ${code}`)));
  });
  return child;
}

async function load(url: string): Promise<number> {
  const result = await autocannon({
    url,
    connections: 10,
    pipelining: 1,
    duration: SECONDS,
    headers: { accept: 'application/prs.hal-forms+json' },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const express = await start('express', 39001);
const halway = await start('halway', 39002);
try {
  await load('http://127.0.0.1:39001/orders/17');
  await load('http://127.0.0.1:39002/orders/17');
  const results = { express: [] as number[], halway: [] as number[] };
  for (let round = 1; round <= ROUNDS; round++) {
    results.express.push(await load('http://127.0.0.1:39001/orders/17'));
    results.halway.push(await load('http://127.0.0.1:39002/orders/17'));
    console.log(
      `round ${round}: express ${results.express.at(-1)!.toFixed(0)} req/s, halway ${results.halway.at(-1)!.toFixed(0)} req/s`,
    );
  }
  const best = { express: Math.max(...results.express), halway: Math.max(...results.halway) };
  const ratio = best.halway / best.express;
  console.log(
    `best: express ${best.express.toFixed(0)} req/s, halway ${best.halway.toFixed(0)} req/s, ratio ${(ratio * 100).toFixed(1)}% (goal ${GOAL * 100}%)`,
  );
  process.exitCode = ratio >= GOAL ? 0 : 1;
} finally {
  express.kill();
  halway.kill();
}
