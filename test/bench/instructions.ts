// npm run bench:instructions: CPU instructions per request, counted by valgrind's callgrind,
// for raw node:http, plain Express res.json and Halway's HAL-FORMS resource (rendered every time,
// and cacheByVersion) on the same payload (BENCH_CONTENDERS=halway,express picks some). Unlike
// throughput, the count does not move much with whatever else the machine is doing. Each server
// runs under callgrind with counting off: it answers BENCH_WARMUP requests (start-up, module
// loading and V8's optimizing compiler all happen then) in BENCH_WARMUP_LOADS loads, each on new
// connections, because the first connections to close deoptimize Node's own stream and socket
// code (a "wrong map" when a socket is torn down), later loads compile it again, and the last
// of Node's functions reach the optimizing compiler only after some 8,000 requests: with one
// load of 3,000, that compilation (~120k instructions per request) fell into the count of
// every contender. Then counting is switched on with
// callgrind_control, and it answers BENCH_REQUESTS more, then exits: the count over those,
// divided by their number, is the cost of one request. V8 runs single-threaded there, so that
// the count depends on the requests, not on how busy the machine is. BENCH_LINKS and
// BENCH_TEMPLATES shape the document (see servers.ts). Needs valgrind (Debian package).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ACCEPT } from './contenders.js';

const servers = fileURLToPath(new URL('./servers.ts', import.meta.url));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 8000);
const WARMUP_LOADS = Number(process.env.BENCH_WARMUP_LOADS ?? 4);
const PER_WARMUP_LOAD = Math.round(WARMUP / WARMUP_LOADS);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const PORT = Number(process.env.BENCH_PORT ?? 39401);
const contenders = ['raw', 'express', 'halway', 'halway-cached'] as const;
type Contender = (typeof contenders)[number];
const chosen = (process.env.BENCH_CONTENDERS ?? contenders.join(',')).split(',') as Contender[];

function load(port: number, amount: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}/orders/17`,
    connections: 4,
    amount,
    headers: { accept: ACCEPT },
  });
}

/** Instructions per request of a server, counted over REQUESTS requests after WARMUP. */
async function instructionsPerRequest(which: Contender, port: number): Promise<number> {
  const out = join(tmpdir(), `halway-bench-${which}-${port}.callgrind`);
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      `--callgrind-out-file=${out}`,
      process.execPath,
      // V8 compiles and collects on the main thread then: what is counted does not depend on
      // when a background compilation happens to finish on a busy machine.
      '--single-threaded',
      // No collection because the process went idle: the memory reducer starts a full one a
      // while after the warm-up's last load, and whether it lands in the count (some 20k
      // instructions per request) depended on timing, not on the requests.
      '--no-memory-reducer',
      '--import',
      'tsx',
      servers,
      which,
      String(port),
    ],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: {
        ...process.env,
        BENCH_EXIT_AFTER: String(PER_WARMUP_LOAD * WARMUP_LOADS + REQUESTS),
      },
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) =>
      reject(new Error(`${which} exited with ${code} before it was ready`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Several loads, on new connections each time: see the top of this file for why.
  for (let index = 0; index < WARMUP_LOADS; index++) await load(port, PER_WARMUP_LOAD);
  execFileSync('callgrind_control', ['--instr=on', String(child.pid)], { stdio: 'ignore' });
  await load(port, REQUESTS);
  await exited;
  const summary = /^summary:\s+(\d+)/m.exec(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  if (!summary) throw new Error(`no callgrind summary for ${which}`);
  return Number(summary[1]) / REQUESTS;
}

const counts = new Map<Contender, number>();
for (const [index, which] of chosen.entries())
  counts.set(which, await instructionsPerRequest(which, PORT + index));
const express = counts.get('express');
const raw = counts.get('raw');
console.log(
  `GET /orders/17, ${process.env.BENCH_LINKS ?? 2} links, ${process.env.BENCH_TEMPLATES ?? 2} templates; instructions per request over ${REQUESTS} requests after ${WARMUP}`,
);
console.log('| server | instructions per request | vs Express | vs raw |');
console.log('| --- | ---: | ---: | ---: |');
for (const [which, count] of counts)
  console.log(
    `| ${which} | ${Math.round(count / 1000)}k | ${express ? `${(count / express).toFixed(2)}×` : '–'} | ${raw ? `${(count / raw).toFixed(2)}×` : '–'} |`,
  );
