import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startCoffeeShop, type CoffeeShop } from '@halway/example-coffee-shop';
import type { MapChange, WorkflowMap } from '@halway/map';
import { halway } from './support/halway.js';
import { startTasks } from './support/tasks-service.js';

const FAST_OUTBOX = { interval: 20, minDelay: 5, maxDelay: 50 };
const WORKFLOW = ['place-order', 'pay', 'start', 'finish', 'collect', 'cancel'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function unsafeRequests(shop: CoffeeShop): number {
  return Object.values(shop.requests)
    .flat()
    .filter((request) => UNSAFE.has(request.method)).length;
}

/** Resolves once the services have sent each other nothing unsafe for `quiet` ms (10 s at most). */
async function settled(shop: CoffeeShop, quiet = 500): Promise<void> {
  const deadline = Date.now() + 10_000;
  let count = unsafeRequests(shop);
  let since = Date.now();
  while (Date.now() - since < quiet && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (unsafeRequests(shop) !== count) [count, since] = [unsafeRequests(shop), Date.now()];
  }
}

describe('halway map and diff (the CLI, as a process)', function () {
  this.timeout(120_000);
  let shop: CoffeeShop;
  let entry: string;
  let dir: string;
  // The staff see the orders list and the kitchen's forms: credentials for those two origins only.
  let asStaff: Record<string, string>;

  before(async () => {
    shop = await startCoffeeShop({ outbox: FAST_OUTBOX, peerTimeout: 300, explorer: false });
    entry = `${shop.urls.orders}/`;
    dir = await mkdtemp(join(tmpdir(), 'halway-map-'));
    asStaff = {
      HALWAY_CREDENTIALS: JSON.stringify([
        { origin: [shop.urls.orders, shop.urls.kitchen], bearer: shop.staffToken },
      ]),
    };
    // A deployment with data: one order placed and paid, so links lead to payments and kitchen.
    const placed = await halway(['submit', entry, 'place-order', 'drink=tea', '--json']);
    const order = (JSON.parse(placed.stdout) as { url: string }).url;
    const payment = await halway(['follow', order, 'payment', '--json']);
    const paymentUrl = (JSON.parse(payment.stdout) as { url: string }).url;
    await halway(['submit', paymentUrl, 'pay', 'card-number=4111111111111111', 'cardholder=Ada']);
    // The outboxes tell the orders and the kitchen about the payment: unsafe requests of their
    // own, which must be over before a test counts what the crawl sends.
    await settled(shop);
  });
  after(async () => {
    await shop.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function map(args: string[]): Promise<{ map: WorkflowMap; stderr: string }> {
    const run = await halway(['map', entry, ...args], asStaff, { timeout: 90_000 });
    expect(run.code, run.stderr).to.equal(0);
    return { map: JSON.parse(run.stdout) as WorkflowMap, stderr: run.stderr };
  }

  it('should map the three services from the entry without sending one unsafe request', async () => {
    const before = unsafeRequests(shop);

    const { map: found, stderr } = await map([]);

    expect(unsafeRequests(shop)).to.equal(before);
    expect(found.exercised).to.equal(false);
    expect(found.services.map((service) => service.id)).to.have.members([
      'orders',
      'payments',
      'kitchen',
    ]);
    // Every kind is named by a profile; the menu's drinks (fragment selves) are part of the menu.
    for (const kind of found.kinds) expect(kind.name, kind.id).to.match(/^[\w-]+$/);
    const names = new Set(found.transitions.map((transition) => transition.name));
    for (const name of WORKFLOW) expect(names, name).to.include(name);
    // Seen offered now: place-order on the home, start on the queued ticket; the rest declared.
    const seen = found.transitions.filter((transition) => transition.type === 'form');
    expect(seen.map((transition) => transition.name)).to.include.members(['place-order', 'start']);
    const collect = found.transitions.find((transition) => transition.name === 'collect');
    expect(collect).to.include({ type: 'declared', safe: false, service: 'orders' });
    // The coffee shop's own relations are CURIEs, and the map names them so.
    expect(found.transitions.find((transition) => transition.name === 'cs:receipt')).to.include({
      type: 'link',
      safe: true,
    });
    expect(stderr).to.match(/mapped: \d+ documents · 3 services · 0 errors\n$/);
  });

  it('should find the later states and their transitions with --exercise, across services', async () => {
    const { map: found, stderr } = await map(['--exercise', '--settle', '300']);

    expect(found.exercised).to.equal(true);
    const statuses = new Set(found.states.map((state) => `${state.kind} ${state.status}`));
    for (const status of ['payment-expected', 'paid', 'preparing', 'ready', 'cancelled'])
      expect(statuses, status).to.include(`orders/order ${status}`);
    const submitted = found.transitions.filter((transition) => transition.type === 'form');
    for (const name of WORKFLOW) {
      const transition = submitted.find((candidate) => candidate.name === name);
      expect(transition, name).to.not.equal(undefined);
      expect(transition!.safe, name).to.equal(false);
      expect(
        found.states.some((state) => state.id === transition!.to),
        name,
      ).to.equal(true);
    }
    expect(submitted.find((transition) => transition.name === 'pay')!.service).to.equal('payments');
    expect(submitted.find((transition) => transition.name === 'start')!.service).to.equal(
      'kitchen',
    );
    // Paying in one service moved the order in another: an effect.
    const effect = found.transitions.find(
      (transition) => transition.type === 'effect' && transition.name === 'pay',
    );
    expect(effect?.from).to.match(/^orders\/order:payment-expected/);
    expect(effect?.to).to.match(/^orders\/order:paid/);
    expect(stderr).to.match(/^exercise: submitting forms/);
    expect(stderr).to.match(/\d+ forms submitted\n$/);
  });

  it('should draw the map as SVG with a box per service and unsafe edges apart from safe ones', async () => {
    const output = join(dir, 'map.svg');
    const run = await halway(['map', entry, '-o', output], asStaff, { timeout: 60_000 });
    expect(run.code, run.stderr).to.equal(0);
    const svg = await readFile(output, 'utf8');
    expect(svg).to.match(/^<\?xml[\s\S]*<svg /);
    for (const service of ['orders', 'payments', 'kitchen'])
      expect(svg).to.include(`>${service}</text>`);
    expect(svg).to.match(/class="edge unsafe place(?:-|&#45;)order"[\s\S]*?stroke="#cf222e"/);
    expect(svg).to.match(/class="edge safe cs:orders"[\s\S]*?stroke="#57606a"/);
    expect(svg).to.include('>Place an order</text>');
    const html = await halway(['map', entry, '--format', 'html'], asStaff, { timeout: 60_000 });
    expect(html.stdout).to.match(/^<!doctype html>\n/);
    expect(html.stdout).to.include('<svg ');
    expect(html.stdout).to.match(
      /<h2>payments<\/h2><ul><li><strong>Receipt: paid<\/strong>: links cs:order; forms none<\/li>/,
    );
    expect(html.stdout).not.to.match(/<script/i);
  });

  it('should filter to what follows one form, in Mermaid and DOT', async () => {
    const mermaid = await halway(['map', entry, '--from', 'place-order', '--format', 'mermaid']);
    expect(mermaid.code, mermaid.stderr).to.equal(0);
    expect(mermaid.stdout).to.match(/^flowchart LR\n/);
    expect(mermaid.stdout).to.match(/==>\|"Place an order"\|/);
    expect(mermaid.stdout).not.to.include('"Menu"');
    const dot = await halway(['map', entry, '--format', 'dot']);
    expect(dot.stdout).to.match(/^digraph workflow \{/);
    expect(dot.stdout).to.include('subgraph cluster_');
    expect(dot.stdout).to.include('"Menu"');
    const unknown = await halway(['map', entry, '--from', 'teleport']);
    expect(unknown.code).to.equal(3);
    expect(unknown.stderr).to.match(
      /No transition is called "teleport"\. There are: .*place-order/,
    );
  });

  it('should refuse a wrong format or count, saying what it takes', async () => {
    const format = await halway(['map', entry, '--format', 'png']);
    expect(format.code).to.equal(2);
    expect(format.stderr).to.include('--format is one of json, svg, html, mermaid, dot.');
    const depth = await halway(['map', entry, '--depth', 'deep']);
    expect(depth.code).to.equal(2);
  });

  it('should report breaking changes first and fail when a service changed incompatibly', async () => {
    const files: string[] = [];
    for (const version of [1, 2] as const) {
      const tasks = await startTasks(version);
      try {
        const file = join(dir, `tasks-${version}.json`);
        const run = await halway(['map', tasks.url, '-o', file], {}, { timeout: 60_000 });
        expect(run.code, run.stderr).to.equal(0);
        files.push(file);
      } finally {
        await tasks.close();
      }
    }
    const same = await halway(['diff', files[0]!, files[0]!]);
    expect(same.code).to.equal(0);
    expect(same.stdout).to.equal('No changes.\n');

    const text = await halway(['diff', files[0]!, files[1]!]);
    expect(text.code, text.stderr).to.equal(8);
    expect(text.stdout.split('\n')[0]).to.match(/^breaking/);
    const json = await halway(['diff', files[0]!, files[1]!, '--json']);
    const changes = JSON.parse(json.stdout) as MapChange[];
    const breaking = changes.filter((change) => change.breaking).map((change) => change.what);
    expect(breaking).to.include.members([
      'form "complete" removed',
      'newly required',
      'option "high" removed',
      'maxLength 80 → 40 (narrowed)',
    ]);
    expect(breaking.some((what) => /^state ".*" no longer reached$/.test(what))).to.equal(true);
    const firstCompatible = changes.findIndex((change) => !change.breaking);
    expect(changes.slice(firstCompatible).every((change) => !change.breaking)).to.equal(true);

    const missing = await halway(['diff', files[0]!, join(dir, 'nope.json')]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.include('halway map <url> -o map.json');
  });

  it('should show in the README the picture the CLI draws, and only commands it has', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Discover a workflow'));
    expect(section).to.include('](packages/cli/docs/coffee-shop-map.svg)');
    const svg = await readFile(
      new URL('../../packages/cli/docs/coffee-shop-map.svg', import.meta.url),
      'utf8',
    );
    expect(svg).to.include('Generated by graphviz');
    for (const text of ['orders', 'payments', 'kitchen', 'Place an order', 'Pay by card'])
      expect(svg, text).to.include(`>${text}</text>`);
    for (const text of ['Start making it', 'It is ready', 'Collect the drink', 'Cancel the order'])
      expect(svg, text).to.include(`>${text}</text>`);
    const commands = new Set([...section.matchAll(/^halway (\w+)/gm)].map((match) => match[1]!));
    expect([...commands]).to.have.members(['map', 'diff', 'new']);
    for (const command of commands) {
      const help = await halway([command, '--help']);
      expect(help.code, command).to.equal(0);
    }
  });
});
