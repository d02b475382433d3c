import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startCoffeeShop, type CoffeeShop } from '@halway/example-coffee-shop';
import { halway } from './support/halway.js';

/** What `--json` prints for a resource (the parts these tests read). */
interface StateJson {
  url: string;
  properties: Record<string, unknown>;
  links: { rel: string }[];
  forms: { name: string }[];
}

const FAST_OUTBOX = { interval: 20, minDelay: 5, maxDelay: 50 };

describe('halway (the CLI, as a process)', function () {
  this.timeout(60_000);
  let shop: CoffeeShop;
  let entry: string;
  let configDir: string;
  // The staff's token, for the orders list and the kitchen's start and finish, from a config file.
  let asStaff: Record<string, string>;

  before(async () => {
    shop = await startCoffeeShop({ outbox: FAST_OUTBOX, peerTimeout: 300, explorer: false });
    entry = `${shop.urls.orders}/`;
    configDir = await mkdtemp(join(tmpdir(), 'halway-cli-staff-'));
    const config = join(configDir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        credentials: [shop.urls.orders, shop.urls.kitchen].map((origin) => ({
          origin,
          bearer: { env: 'STAFF_TOKEN' },
        })),
      }),
    );
    asStaff = { HALWAY_CONFIG: config, STAFF_TOKEN: shop.staffToken };
  });
  after(async () => {
    await shop.close();
    await rm(configDir, { recursive: true, force: true });
  });

  async function json(args: string[], env: Record<string, string> = {}): Promise<StateJson> {
    const run = await halway([...args, '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    return JSON.parse(run.stdout) as StateJson;
  }

  async function waitFor(url: string, until: (state: StateJson) => boolean): Promise<StateJson> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = await json(['get', url]);
      if (until(state) || Date.now() > deadline) return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const waitForStatus = (url: string, status: string) =>
    waitFor(url, (state) => state.properties.status === status);

  it('should show a resource for a person: title, properties, links and forms with constraints', async () => {
    const run = await halway(['get', entry], asStaff);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/^Coffee shop\n/);
    expect(run.stdout).to.match(
      /Links\n(?:.*\n)*?\s+cs:orders\s+Orders\s+http:\/\/127\.0\.0\.1:\d+\/orders\{\?page,size,status\}/,
    );
    expect(run.stdout).to.include('place-order  POST');
    expect(run.stdout).to.match(/quantity\s+Quantity\s+number · 1 to 10 · step 1 · default 1/);
    expect(run.stdout).not.to.include('\x1b[');
  });

  it('should colour only when asked on a non-terminal, and never with NO_COLOR', async () => {
    const forced = await halway(['get', entry], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(forced.stdout).to.include('\x1b[1m');
    const plain = await halway(['get', entry], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(plain.stdout).not.to.include('\x1b[');
  });

  it('should run the whole workflow from the entry URL with submit and follow: place, pay, start, finish, collect', async () => {
    const placed = await json([
      'submit',
      entry,
      'place-order',
      'drink=latte',
      'size=large',
      'quantity=2',
    ]);
    expect(placed.properties).to.include({ status: 'payment-expected', quantity: 2 });
    const payment = await json(['follow', placed.url, 'payment']);
    expect(new URL(payment.url).origin).to.equal(shop.urls.payments);
    const receipt = await json([
      'submit',
      payment.url,
      'pay',
      'card-number=4111111111111111',
      'cardholder=Ada',
    ]);
    expect(receipt.properties).to.include({ status: 'paid' });
    await waitForStatus(placed.url, 'paid');
    await waitFor(placed.url, (state) => state.links.some((link) => link.rel === 'cs:ticket'));
    const ticket = await json(['follow', placed.url, 'cs:ticket'], asStaff);
    expect(new URL(ticket.url).origin).to.equal(shop.urls.kitchen);
    const started = await json(['submit', ticket.url, 'start'], asStaff);
    expect(started.properties).to.include({ status: 'preparing' });
    await json(['submit', ticket.url, 'finish'], asStaff);
    const ready = await waitForStatus(placed.url, 'ready');
    expect(ready.forms.map((form) => form.name)).to.deep.equal(['collect']);
    const done = await halway(['submit', placed.url, 'collect', '--follow']);
    expect(done.code, done.stderr).to.equal(0);
    expect(done.stdout).to.match(/status\s+completed/);
  });

  it('should expand templated links with --var', async () => {
    const orders = await json(
      ['follow', entry, 'cs:orders', '--var', 'status=completed', '--var', 'size=5'],
      asStaff,
    );
    expect(orders.url).to.match(/\/orders\?(.*&)?status=completed/);
  });

  it('should fail in a script with every invalid field listed, exit code 4, and nothing sent', async () => {
    const before = shop.requests.orders.filter((request) => request.method === 'POST').length;
    const run = await halway(['submit', entry, 'place-order', 'size=huge', 'quantity=20']);
    expect(run.code, run.stderr).to.equal(4);
    expect(run.stderr).to.include('drink: ');
    expect(run.stderr).to.include('size: must be one of: small, medium, large');
    expect(run.stderr).to.include('quantity: must be at most 10');
    expect(shop.requests.orders.filter((request) => request.method === 'POST').length).to.equal(
      before,
    );
  });

  it('should explain a missing link, a missing form, a bad command line and an unreachable service', async () => {
    const link = await halway(['follow', entry, 'paymnet']);
    expect(link.code).to.equal(3);
    expect(link.stderr).to.match(/has no link "paymnet"[\s\S]*It has: .*menu/);
    const form = await halway(['submit', entry, 'pay']);
    expect(form.code).to.equal(3);
    expect(form.stderr).to.include('It offers: place-order');
    const usage = await halway(['get', 'not-a-url']);
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.include('Usage: halway get');
    const typo = await halway(['folow']);
    expect(typo.code).to.equal(2);
    expect(typo.stderr).to.include('Did you mean "follow"');
    const down = await halway(['get', 'http://127.0.0.1:9/']);
    expect(down.code).to.equal(6);
    expect(down.stderr).to.include('Check that the service is running');
  });

  it('should have --help for every command', async () => {
    for (const command of ['get', 'follow', 'submit']) {
      const run = await halway([command, '--help']);
      expect(run.code).to.equal(0);
      expect(run.stdout).to.include(`Usage: halway ${command}`);
      expect(run.stdout).to.include('--verbose');
    }
    const all = await halway(['--help']);
    expect(all.stdout).to.match(/get\s+Show a resource/);
  });

  it('should send each credential to its own origin only, and say which with --verbose', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'halway-cli-'));
    try {
      const config = join(dir, 'config.json');
      await writeFile(
        config,
        JSON.stringify({
          credentials: [
            { origin: shop.urls.orders, bearer: { env: 'ORDERS_TOKEN' } },
            { origin: shop.urls.payments, header: { name: 'x-api-key', value: 'k-1' } },
          ],
        }),
      );
      const mark = shop.requests.orders.length;
      const markPayments = shop.requests.payments.length;
      const placed = await json(['submit', entry, 'place-order', 'drink=tea']);
      const run = await halway(['follow', placed.url, 'payment', '--verbose', '--config', config], {
        ORDERS_TOKEN: 'secret-orders',
      });
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stderr).to.match(
        new RegExp(
          `> GET ${shop.urls.orders}/orders/[0-9a-f-]{36} \\(bearer token for ${shop.urls.orders}`,
        ),
      );
      expect(run.stderr).to.match(
        /> GET http:\/\/127\.0\.0\.1:\d+\/payments\?\S+ \(header x-api-key for/,
      );
      expect(run.stderr).not.to.include('secret-orders');
      const ordersSeen = shop.requests.orders.slice(mark).map((request) => request.headers);
      const paymentsSeen = shop.requests.payments
        .slice(markPayments)
        .map((request) => request.headers);
      expect(
        ordersSeen.some((headers) => headers.authorization === 'Bearer secret-orders'),
      ).to.equal(true);
      expect(paymentsSeen.length).to.be.greaterThan(0);
      expect(paymentsSeen.every((headers) => headers.authorization === undefined)).to.equal(true);
      expect(paymentsSeen.every((headers) => headers['x-api-key'] === 'k-1')).to.equal(true);
      expect(ordersSeen.every((headers) => headers['x-api-key'] === undefined)).to.equal(true);
      const unset = await halway(['get', entry, '--config', config], { ORDERS_TOKEN: '' });
      expect(unset.code).to.equal(7);
      expect(unset.stderr).to.include('ORDERS_TOKEN');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
