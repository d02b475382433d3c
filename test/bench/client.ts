// npm run bench:client: @halway/client against Ketting 8 on the coffee shop, in one run. The shop
// runs in this process (memory stores, 127.0.0.1 only); each client runs in a child process of
// its own (client-walks.ts) so that process.cpuUsage() there is the client's alone. Each round,
// each client walks BENCH_WORKFLOWS workflows (read home → place an order → update it → follow its
// payment → pay), each with a new client, one after another; the two alternate over BENCH_ROUNDS
// rounds (ABBA order), after a warm-up round of BENCH_WARMUP workflows each: long enough for V8
// to have optimized the hot paths of both (after 20, the first measured round ran up to twice as
// slow as the tenth). Requests are counted on the servers: those without a service's token, so
// the services' calls to each other are left out. This process's CPU time during a round is the
// services' (with their calls to each other). Every workflow must end with its order paid.
// Then requests per step (one more workflow each, here), and two checks: freshness (does a warm
// client see another client's change?) and max-age (a fresh document costs 0 requests).
// BENCH_CPU_PROF=DIR writes the children's CPU profiles there.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient } from '@halway/client';
import { startCoffeeShop, type Order } from '@halway/example-coffee-shop';
import { Client as KettingClient } from 'ketting';
import { until } from '../examples/support/running-shop.js';
import { median } from './contenders.js';
import { STEPS, WORKFLOWS, type Contender, type Step } from './client-workflows.js';

const PER_ROUND = Number(process.env.BENCH_WORKFLOWS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const CONTENDERS = Object.keys(WORKFLOWS) as Contender[];
const SERVICES = ['orders', 'payments', 'kitchen'] as const;
const PROFILE = process.env.BENCH_CPU_PROF;
const NAMES: Record<Contender, string> = { halway: 'Halway', ketting: 'Ketting 8' };
const walks = fileURLToPath(new URL('./client-walks.ts', import.meta.url));

const ROWS = [
  ['requests', 'requests', 2],
  ['ms', 'ms (wall)', 2],
  ['cpuMs', 'CPU ms (client process)', 2],
  ['serverCpuMs', 'CPU ms (the three services)', 2],
] as const;

interface Round {
  ms: number;
  cpuMs: number;
  orders: string[];
}

const shop = await startCoffeeShop({ explorer: false, logger: false });
const entry = `${shop.urls.orders}/`;
/** Where each service's request log is: a mark to count the requests since. */
const mark = () => SERVICES.map((name) => shop.requests[name].length);
/** The requests the services received from clients since `from` (not from each other: those carry a token). */
const clientRequestsSince = (from: number[]) =>
  SERVICES.flatMap((name, index) =>
    shop.requests[name]
      .slice(from[index])
      .filter((request) => request.headers.authorization === undefined),
  );

async function start(which: Contender): Promise<ChildProcess> {
  const child = fork(walks, [which, entry], {
    execArgv: [
      '--conditions=halway-source',
      '--import',
      'tsx',
      ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
    ],
    stdio: 'inherit',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${which} exited with ${code}`)));
  });
  return child;
}

/** Has `child` walk `workflows` workflows; resolves with its times and the orders it placed. */
function walk(child: ChildProcess, workflows: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: Round | { error: string }) =>
      'error' in message ? reject(new Error(message.error)) : resolve(message),
    );
    child.send({ workflows });
  });
}

/** Waits until every order is paid (payments tells orders through its outbox) and the outboxes are empty. */
async function settled(orders: readonly string[]): Promise<void> {
  const statuses = () =>
    shop.services.orders.store.read(async (db) =>
      Promise.all(
        orders.map(
          async (url) => (await db.get<Order>('order', url.split('/').pop() ?? ''))?.status,
        ),
      ),
    );
  await until(
    async () => (await statuses()).every((status) => status === 'paid'),
    30_000,
    () => `not every one of ${orders.length} orders ended paid`,
  );
  await until(
    async () =>
      (
        await Promise.all(
          SERVICES.map((name) => shop.services[name].store.internals.outbox.stats()),
        )
      ).every((stats) => stats.pending === 0),
    30_000,
    () => 'the outboxes never drained',
  );
}

const spread = (values: number[], digits: number) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

const children: Partial<Record<Contender, ChildProcess>> = {};
try {
  for (const which of CONTENDERS) children[which] = await start(which);
  const measured: Record<Contender, Record<(typeof ROWS)[number][0], number[]>> = {
    halway: { requests: [], ms: [], cpuMs: [], serverCpuMs: [] },
    ketting: { requests: [], ms: [], cpuMs: [], serverCpuMs: [] },
  };
  for (let round = 0; round <= ROUNDS; round++) {
    const order = round % 4 === 1 || round % 4 === 2 ? [...CONTENDERS].reverse() : CONTENDERS;
    const line: string[] = [];
    for (const which of order) {
      const before = mark();
      const serverCpu = process.cpuUsage();
      const result = await walk(children[which]!, round === 0 ? WARMUP : PER_ROUND);
      const { user, system } = process.cpuUsage(serverCpu);
      const requests = clientRequestsSince(before).length;
      await settled(result.orders);
      if (round === 0) continue; // warm-up
      const workflows = result.orders.length;
      measured[which].requests.push(requests / workflows);
      measured[which].ms.push(result.ms / workflows);
      measured[which].cpuMs.push(result.cpuMs / workflows);
      measured[which].serverCpuMs.push((user + system) / 1000 / workflows);
      line.push(
        `${which} ${(result.ms / workflows).toFixed(2)} ms, ${(result.cpuMs / workflows).toFixed(2)} CPU ms, ${requests / workflows} requests`,
      );
    }
    if (round > 0) console.log(`round ${round} (per workflow): ${line.join('; ')}`);
  }

  console.log(
    `\n${PER_ROUND} workflows per round, ${ROUNDS} rounds, a new client per workflow; median (min–max) per workflow:\n`,
  );
  console.log(`| per workflow | ${NAMES.halway} | ${NAMES.ketting} | Halway/Ketting |`);
  console.log('| --- | --- | --- | --- |');
  for (const [key, label, digits] of ROWS) {
    const ratios = measured.halway[key].map(
      (value, index) => value / (measured.ketting[key][index] ?? NaN),
    );
    console.log(
      `| ${label} | ${spread(measured.halway[key], digits)} | ${spread(measured.ketting[key], digits)} | ${spread(ratios, 2)} |`,
    );
  }

  // Requests per step: one more workflow each, here, counting between the steps.
  const perStep = {} as Record<Contender, Partial<Record<Step, number>>>;
  for (const which of CONTENDERS) {
    const counts: Partial<Record<Step, number>> = {};
    let from = mark();
    await WORKFLOWS[which](entry, (step) => {
      counts[step] = clientRequestsSince(from).length;
      from = mark();
    });
    perStep[which] = counts;
  }
  console.log('\nRequests per step (a new client):\n');
  console.log(`| step | ${NAMES.halway} | ${NAMES.ketting} |`);
  console.log('| --- | --- | --- |');
  for (const step of STEPS)
    console.log(`| ${step} | ${perStep.halway[step]} | ${perStep.ketting[step]} |`);
  console.log(
    "\n(place: Halway reads the drink's options (/menu, max-age=300) to check the form, then one POST; Ketting POSTs, then GETs the created order. update and pay: Ketting's PATCH and POST are followed by a GET.)",
  );

  // Freshness: both clients warm on an order; a third client changes it; each reads it again.
  const third = createClient();
  const placed = await (
    await third.go(entry).get()
  )
    .form('place-order')
    .submit({ drink: 'latte', size: 'large' });
  const halway = createClient();
  const ketting = new KettingClient(entry);
  await halway.go(entry).get();
  await halway.go(placed.url).get();
  await ketting.go(entry).get();
  await ketting.go(placed.url).get();
  await (await third.go(placed.url).get()).form('update').submit({ size: 'small' });
  const traverse = async (read: () => Promise<unknown>) => {
    const before = mark();
    const size = await read();
    const requests = clientRequestsSince(before);
    const conditional = requests.filter((request) => request.headers['if-none-match']).length;
    return { size, requests: requests.length, conditional };
  };
  const seen = {
    halway: await traverse(async () => {
      await halway.go(entry).get();
      return (await halway.go(placed.url).get()).properties.size;
    }),
    ketting: await traverse(async () => {
      await ketting.go(entry).get();
      return ((await ketting.go(placed.url).get()).data as { size?: string }).size;
    }),
  };
  console.log(
    '\nFreshness: both clients read home and an order; a third client changes its size to small; each reads home and the order again:\n',
  );
  console.log('| warm client | sees the change | requests (conditional) |');
  console.log('| --- | --- | --- |');
  for (const which of CONTENDERS)
    console.log(
      `| ${NAMES[which]} | ${seen[which].size === 'small' ? 'yes' : `no (size ${String(seen[which].size)})`} | ${seen[which].requests} (${seen[which].conditional}) |`,
    );
  if (seen.halway.size !== 'small') throw new Error("Halway's warm client did not see the change");

  // max-age: the menu is served with Cache-Control: max-age=300.
  const menu = `${shop.urls.orders}/menu`;
  const fresh = createClient();
  const first = await fresh.go(menu).get();
  const before = mark();
  const second = await fresh.go(menu).get();
  const again = clientRequestsSince(before).length;
  console.log(
    `\nmax-age: ${menu.replace(shop.urls.orders, '')} (${first.headers.get('cache-control')}) read twice by one Halway client: ${again} requests the second time (source: ${second.source})`,
  );
  if (again !== 0) throw new Error(`a fresh document cost ${again} requests`);
} finally {
  // A child exits when disconnected (writing its profile under BENCH_CPU_PROF).
  await Promise.all(
    Object.values(children).map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve(undefined);
          child.once('exit', resolve);
          child.disconnect();
        }),
    ),
  );
  await shop.close();
}
