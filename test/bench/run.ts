// npm run bench: a Halway HAL-FORMS resource (rendered on every request, and declared
// cacheByVersion) against plain Express res.json and raw node:http, all serving the same bytes
// (asserted before any load). Each server runs in its own
// process on the packages' built dist/ (the script runs tsc -b first), as in production;
// autocannon loads them in turn, alternating, and the table gives each one's median and range of
// req/s over the rounds, with ratios of medians. The issue's goal: Halway at 3× Express. On a
// shared machine throughput is noisy; `npm run bench:instructions` counts work instead.
import { deepStrictEqual } from 'node:assert/strict';
import autocannon from 'autocannon';
import { ACCEPT, bodyOf, median, startServer } from './contenders.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const GOAL = 3;
const contenders = ['raw', 'express', 'halway', 'halway-cached'] as const;
type Contender = (typeof contenders)[number];

interface Round {
  rate: number;
  p99: number;
}

async function load(url: string): Promise<Round> {
  const result = await autocannon({
    url,
    connections: 10,
    pipelining: 1,
    duration: SECONDS,
    headers: { accept: ACCEPT },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rate: result.requests.average, p99: result.latency.p99 };
}

const url = (index: number) => `http://127.0.0.1:${39001 + index}/orders/17`;
const children = await Promise.all(
  contenders.map((which, index) => startServer(which, 39001 + index)),
);
try {
  const bodies = await Promise.all(contenders.map((_, index) => bodyOf(url(index))));
  const halwayBody = bodies[contenders.indexOf('halway')];
  for (const [index, body] of bodies.entries())
    deepStrictEqual(body, halwayBody, `${contenders[index]} serves other bytes than halway`);
  for (const index of contenders.keys()) await load(url(index)); // warm-up
  const results = Object.fromEntries(contenders.map((which) => [which, [] as Round[]])) as Record<
    Contender,
    Round[]
  >;
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate the order, so no contender always runs right after the same one.
    const order = round % 2 ? [...contenders.keys()] : [...contenders.keys()].reverse();
    for (const index of order) results[contenders[index]!].push(await load(url(index)));
    console.log(
      `round ${round}: ${contenders.map((which) => `${which} ${results[which].at(-1)!.rate.toFixed(0)}`).join(', ')} req/s`,
    );
  }
  const medians = Object.fromEntries(
    contenders.map((which) => [which, median(results[which].map((round) => round.rate))]),
  ) as Record<Contender, number>;
  const p99 = (which: Contender) => median(results[which].map((round) => round.p99));
  console.log(
    `\nGET /orders/17, ${halwayBody!.length} identical bytes, ${ROUNDS} alternating rounds of ${SECONDS} s`,
  );
  console.log('| server | req/s median | min–max | vs Express | vs raw | p99 ms (median) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const which of contenders) {
    const values = results[which].map((round) => round.rate);
    console.log(
      `| ${which} | ${medians[which].toFixed(0)} | ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} | ${(medians[which] / medians.express).toFixed(2)}× | ${((medians[which] / medians.raw) * 100).toFixed(0)}% | ${p99(which)} |`,
    );
  }
  const ratio = medians['halway-cached'] / medians.express;
  console.log(
    `\nhalway/express ${(medians.halway / medians.express).toFixed(2)}×, halway-cached/express ${ratio.toFixed(2)}× (goal ${GOAL}×)`,
  );
  process.exitCode = ratio >= GOAL ? 0 : 1;
} finally {
  for (const child of children) child.kill();
}
