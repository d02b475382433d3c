// npm run bench:instructions: CPU instructions per request, counted by valgrind's callgrind,
// for Halway's HAL-FORMS resource, plain Express res.json and raw node:http on the same payload
// (BENCH_CONTENDERS=halway,express picks some). Unlike
// throughput, the count does not move with whatever else the machine is doing. Each server runs
// twice, for a short and a long series of requests; the difference between the two runs'
// totals, divided by the difference in requests, is the cost of one request, start-up excluded;
// the short series is long enough for V8's optimizing compiler to have done its work. It takes
// several minutes (valgrind runs Node some fifty times slower). Needs valgrind (Debian package).
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const servers = fileURLToPath(new URL('./servers.ts', import.meta.url));
const SHORT = Number(process.env.BENCH_SHORT ?? 2000);
const LONG = Number(process.env.BENCH_LONG ?? 4000);
const PORT = Number(process.env.BENCH_PORT ?? 39401);
const contenders = ['raw', 'express', 'halway', 'halway-cached'] as const;
type Contender = (typeof contenders)[number];
const chosen = (process.env.BENCH_CONTENDERS ?? contenders.join(',')).split(',') as Contender[];

/** Total instructions of one server run that answers `requests` requests, then exits. */
async function totalInstructions(
  which: Contender,
  port: number,
  requests: number,
): Promise<number> {
  const out = join(tmpdir(), `halway-bench-${which}-${port}-${requests}.callgrind`);
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${out}`,
      process.execPath,
      '--import',
      'tsx',
      servers,
      which,
      String(port),
    ],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: { ...process.env, BENCH_EXIT_AFTER: String(requests) },
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) =>
      reject(new Error(`${which} exited with ${code} before it was ready`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await autocannon({
    url: `http://127.0.0.1:${port}/orders/17`,
    connections: 4,
    amount: requests,
    headers: { accept: 'application/prs.hal-forms+json' },
  });
  await exited;
  const summary = /^summary:\s+(\d+)/m.exec(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  if (!summary) throw new Error(`no callgrind summary for ${which}`);
  return Number(summary[1]);
}

/** Instructions per request of a server: warmed up, start-up excluded. */
async function instructionsPerRequest(which: Contender, port: number): Promise<number> {
  const short = await totalInstructions(which, port, SHORT);
  const long = await totalInstructions(which, port, LONG);
  return (long - short) / (LONG - SHORT);
}

const counts = new Map<Contender, number>();
for (const [index, which] of chosen.entries())
  counts.set(which, await instructionsPerRequest(which, PORT + index));
const express = counts.get('express');
console.log('| server | instructions per request | vs Express |');
console.log('| --- | ---: | ---: |');
for (const [which, count] of counts)
  console.log(
    `| ${which} | ${Math.round(count / 1000)}k | ${express ? `${(count / express).toFixed(2)}×` : '–'} |`,
  );
