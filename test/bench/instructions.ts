// npm run bench:instructions: CPU instructions per request, counted by valgrind's callgrind,
// for Halway's HAL-FORMS resource and plain Express res.json on the same payload. Unlike
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

/** Total instructions of one server run that answers `requests` requests, then exits. */
async function totalInstructions(
  which: 'express' | 'halway',
  port: number,
  requests: number,
): Promise<number> {
  const out = join(tmpdir(), `halway-bench-${which}-${requests}.callgrind`);
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
async function instructionsPerRequest(which: 'express' | 'halway', port: number): Promise<number> {
  const short = await totalInstructions(which, port, SHORT);
  const long = await totalInstructions(which, port, LONG);
  return (long - short) / (LONG - SHORT);
}

const express = await instructionsPerRequest('express', 39401);
const halway = await instructionsPerRequest('halway', 39402);
console.log(
  `instructions per request: express ${Math.round(express)}, halway ${Math.round(halway)}`,
);
console.log(
  `halway does ${((halway / express - 1) * 100).toFixed(1)}% more work per request than express res.json`,
);
