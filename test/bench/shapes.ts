// npm run bench:shapes: the links × templates table. For each shape of GET /orders/17 (a number
// of links and of templates), plain Express res.json, Halway rendering on every request and
// Halway with cacheByVersion serve the same bytes (asserted); each server's own CPU time per
// request (process.cpuUsage, measured in the server over a fixed number of requests after a
// warm-up) is the median of alternating rounds. CPU time moves less than req/s with whatever
// else the machine runs. The marginal costs say what one more link or template costs each.
import type { ChildProcess } from 'node:child_process';
import { deepStrictEqual } from 'node:assert/strict';
import autocannon from 'autocannon';
import { ACCEPT, bodyOf, median, startServer } from './contenders.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const contenders = ['express', 'halway', 'halway-cached'] as const;
type Contender = (typeof contenders)[number];
const shapes: [links: number, templates: number][] = [
  [2, 2],
  [10, 2],
  [50, 2],
  [2, 10],
  [50, 10],
];

interface Running {
  child: ChildProcess;
  url: string;
}

async function start(which: Contender, port: number, [links, templates]: [number, number]) {
  const env = { BENCH_LINKS: String(links), BENCH_TEMPLATES: String(templates) };
  const child = await startServer(which, port, env);
  return { child, url: `http://127.0.0.1:${port}/orders/17` };
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      const { cpu } = message as { cpu?: NodeJS.CpuUsage };
      if (!cpu) return;
      child.off('message', listener);
      resolve(cpu.user + cpu.system);
    };
    child.on('message', listener);
    child.send('cpu');
  });
}

async function load(url: string, amount: number): Promise<void> {
  const result = await autocannon({ url, connections: 4, amount, headers: { accept: ACCEPT } });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
}

/** Server CPU µs per request over REQUESTS requests. */
async function cpuPerRequest({ child, url }: Running): Promise<number> {
  const before = await cpuOf(child);
  await load(url, REQUESTS);
  return ((await cpuOf(child)) - before) / REQUESTS;
}

const costs = new Map<string, Record<Contender, number>>();
const sizes = new Map<string, number>();
console.log(
  '| links | templates | bytes | Express µs/req | Halway µs/req | Halway cached µs/req | Halway/Express | cached/Express |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [shapeIndex, shape] of shapes.entries()) {
  const running = await Promise.all(
    contenders.map((which, index) => start(which, 39201 + shapeIndex * 10 + index, shape)),
  );
  try {
    const bodies = await Promise.all(running.map(({ url }) => bodyOf(url)));
    for (const [index, body] of bodies.entries())
      deepStrictEqual(body, bodies[1], `${contenders[index]} serves other bytes than halway`);
    for (const server of running) await load(server.url, 2000); // warm-up
    const samples = Object.fromEntries(
      contenders.map((which) => [which, [] as number[]]),
    ) as Record<Contender, number[]>;
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? [...contenders.keys()] : [...contenders.keys()].reverse();
      for (const index of order)
        samples[contenders[index]!].push(await cpuPerRequest(running[index]!));
    }
    const cost = Object.fromEntries(
      contenders.map((which) => [which, median(samples[which])]),
    ) as Record<Contender, number>;
    costs.set(shape.join('×'), cost);
    sizes.set(shape.join('×'), bodies[1]!.length);
    console.log(
      `| ${shape[0]} | ${shape[1]} | ${bodies[1]!.length} | ${cost.express.toFixed(1)} | ${cost.halway.toFixed(1)} | ${cost['halway-cached'].toFixed(1)} | ${(cost.halway / cost.express).toFixed(2)}× | ${(cost['halway-cached'] / cost.express).toFixed(2)}× |`,
    );
  } finally {
    for (const { child } of running) child.kill();
  }
}

// One more link: from 2 to 50 links (2 templates); one more template: from 2 to 10 (2 links).
const base = costs.get('2×2')!;
const perLink = (which: Contender) => (costs.get('50×2')![which] - base[which]) / 48;
const perTemplate = (which: Contender) => (costs.get('2×10')![which] - base[which]) / 8;
console.log('\n| marginal cost, µs | Express | Halway | Halway cached |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| per link | ${contenders.map((which) => perLink(which).toFixed(2)).join(' | ')} |`);
console.log(
  `| per template | ${contenders.map((which) => perTemplate(which).toFixed(2)).join(' | ')} |`,
);
