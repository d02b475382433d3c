// The coffee shop as `npm start` runs it, with two processes per service on SQLite and on
// PostgreSQL: requests raced against each other and services killed with SIGKILL mid-workflow,
// then the five invariants checked on the three databases at rest.
import { expect } from 'chai';
import type { ServiceName } from '@halway/example-coffee-shop';
import type { Store } from '@halway/server';
import { ensureBundle } from '../explorer/support/bundle.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { providePostgres } from '../support/provision.js';
import { brokenInvariants, readShop } from './support/invariants.js';
import { runShop, SERVICES, until, type RunningShop } from './support/running-shop.js';

type Json = Record<string, unknown> & {
  _links?: Record<string, { href: string }>;
  _templates?: Record<string, { target?: string }>;
};

/** The shop's forms, as a client reaches them from the order's links, with raw fetch for races. */
function shopClient(shop: RunningShop) {
  const call = async (url: string, init: RequestInit = {}) => {
    try {
      const response = await fetch(url, {
        ...init,
        headers: { 'Content-Type': 'application/json', ...init.headers },
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: (text ? JSON.parse(text) : {}) as Json,
      };
    } catch {
      // The service died with the request in flight.
      return { status: 0, headers: new Headers(), body: {} as Json };
    }
  };
  const staff = { Authorization: `Bearer ${shop.staffToken}` };
  return {
    call,
    async place(): Promise<string> {
      const placed = await call(`${shop.urls.orders}/`, {
        method: 'POST',
        body: JSON.stringify({ drink: 'latte', size: 'large', quantity: 2 }),
      });
      expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
      return new URL(placed.headers.get('location') ?? '', shop.urls.orders).href;
    },
    /** The pay form's target and the values it was served with, read from the order's links. */
    async payForm(orderUrl: string) {
      const order = await call(orderUrl);
      const paymentUrl = order.body._links?.payment?.href;
      if (paymentUrl === undefined) throw new Error(`${orderUrl} links no payment`);
      const payment = await call(paymentUrl);
      const target = payment.body._templates?.pay?.target;
      if (target === undefined) throw new Error(`${paymentUrl} offers no pay form`);
      const total = order.body.total as { amount: number };
      return {
        target: new URL(target, paymentUrl).href,
        values: { amount: total.amount, revision: order.body.revision as number },
      };
    },
    pay(target: string, key: string, values: object) {
      return call(target, {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: JSON.stringify({ 'card-number': '4111111111111111', cardholder: 'Ada', ...values }),
      });
    },
    cancel: (orderUrl: string) => call(orderUrl, { method: 'DELETE' }),
    update: (orderUrl: string, values: object) =>
      call(orderUrl, { method: 'PATCH', body: JSON.stringify(values) }),
    async ticketOf(orderUrl: string): Promise<string> {
      let ticket: string | undefined;
      await until(
        async () =>
          (ticket = (await call(orderUrl)).body._links?.['cs:ticket']?.href) !== undefined,
        20_000,
        () => `${orderUrl} never linked its ticket`,
      );
      return ticket as string;
    },
    async start(ticketUrl: string) {
      const ticket = await call(ticketUrl, { headers: staff });
      const target = ticket.body._templates?.start?.target;
      if (target === undefined) return ticket;
      return call(new URL(target, ticketUrl).href, { method: 'POST', headers: staff });
    },
  };
}

const ENGINES: {
  name: string;
  databases: () => Promise<'sqlite' | Record<ServiceName, string>>;
}[] = [];
let postgres: TestPostgres | undefined;
let databases = 0;
ENGINES.push(
  { name: 'SQLite', databases: () => Promise.resolve('sqlite') },
  {
    name: 'PostgreSQL',
    async databases() {
      postgres ??= await startPostgres();
      const server = postgres;
      const round = ++databases;
      return Object.fromEntries(
        SERVICES.map((name) => [name, server.createDatabase(`shop_${name}_${round}`)]),
      ) as Record<ServiceName, string>;
    },
  },
);

for (const engine of ENGINES) {
  describe(`examples/coffee-shop on ${engine.name}, two processes per service`, function () {
    this.timeout(120_000);
    let shop: RunningShop;
    let stores: Record<ServiceName, Store>;
    let client: ReturnType<typeof shopClient>;

    if (engine.name === 'PostgreSQL') before(providePostgres);
    before(async () => {
      ensureBundle();
      shop = await runShop(await engine.databases(), 2);
      stores = Object.fromEntries(SERVICES.map((name) => [name, shop.openStore(name)])) as Record<
        ServiceName,
        Store
      >;
      client = shopClient(shop);
    });
    after(async () => {
      await Promise.all(Object.values(stores ?? {}).map((store) => store.close()));
      await shop?.stop();
      if (engine.name === 'PostgreSQL') {
        postgres?.stop();
        postgres = undefined;
      }
    });

    /** Waits for the three outboxes to be empty, then checks the invariants on the data at rest. */
    async function atRest() {
      await until(
        async () => {
          const counts = await Promise.all(
            SERVICES.map((name) => stores[name].internals.outbox.stats()),
          );
          return counts.every((count) => count.pending === 0);
        },
        45_000,
        () => `the outboxes never drained; ${shop.errors().slice(-2000)}`,
      );
      const rest = await readShop(stores, (id) => `${shop.urls.orders}/orders/${id}`);
      for (const name of SERVICES)
        expect(
          (await stores[name].internals.outbox.stats()).failed,
          `${name} refused messages`,
        ).to.equal(0);
      expect(brokenInvariants(rest)).to.deep.equal([]);
      return rest;
    }

    it('should charge an order once when 20 pays with different keys race, whichever process takes them', async () => {
      const orders = await Promise.all([client.place(), client.place(), client.place()]);
      const answers = await Promise.all(
        orders.map(async (orderUrl, index) => {
          const form = await client.payForm(orderUrl);
          return Promise.all(
            Array.from({ length: 20 }, (_, attempt) =>
              client.pay(form.target, `race-${index}-${attempt}`, form.values),
            ),
          );
        }),
      );
      for (const perOrder of answers) {
        expect(perOrder.filter((answer) => answer.status === 201)).to.have.length(1);
        expect(
          perOrder.filter((answer) => answer.status !== 201 && answer.status !== 409),
        ).to.deep.equal([]);
      }
      const rest = await atRest();
      for (const orderUrl of orders) expect(rest.orders.get(orderUrl)?.status).to.equal('paid');
    });

    it('should refund every payment that lost a race with cancel', async () => {
      const orders = await Promise.all(Array.from({ length: 8 }, () => client.place()));
      await Promise.all(
        orders.map(async (orderUrl, index) => {
          const form = await client.payForm(orderUrl);
          await Promise.all([
            client.pay(form.target, `cancel-race-${index}`, form.values),
            client.cancel(orderUrl),
          ]);
        }),
      );
      const rest = await atRest();
      for (const orderUrl of orders)
        expect(rest.orders.get(orderUrl)?.status).to.equal('cancelled');
    });

    it('should never let an order changed while it was being paid be paid for less than its total', async () => {
      const orders = await Promise.all(Array.from({ length: 8 }, () => client.place()));
      await Promise.all(
        orders.map(async (orderUrl, index) => {
          const form = await client.payForm(orderUrl);
          await Promise.all([
            client.pay(form.target, `update-race-${index}`, form.values),
            client.update(orderUrl, { quantity: 9 }),
          ]);
        }),
      );
      const rest = await atRest();
      const refunded = rest.receipts.filter((receipt) => receipt.status === 'refunded');
      for (const receipt of refunded)
        expect(receipt.refundReason).to.match(/changed|cancelled|paid|amount/);
    });

    it('should let either cancel or the barista’s start win, cleanly', async () => {
      const orders = await Promise.all(Array.from({ length: 6 }, () => client.place()));
      await Promise.all(
        orders.map(async (orderUrl, index) => {
          const form = await client.payForm(orderUrl);
          expect(
            (await client.pay(form.target, `start-race-${index}`, form.values)).status,
          ).to.equal(201);
          const ticket = await client.ticketOf(orderUrl);
          await Promise.all([client.start(ticket), client.cancel(orderUrl)]);
        }),
      );
      const rest = await atRest();
      for (const orderUrl of orders)
        expect(rest.orders.get(orderUrl)?.status).to.be.oneOf(['cancelled', 'preparing']);
    });

    for (const victim of SERVICES) {
      it(`should lose nothing it answered for when ${victim} is killed mid-workflow`, async () => {
        const orders = await Promise.all(Array.from({ length: 6 }, () => client.place()));
        const forms = await Promise.all(orders.map((orderUrl) => client.payForm(orderUrl)));
        const pay = (index: number) => {
          const form = forms[index] as (typeof forms)[number];
          return client.pay(form.target, `kill-${victim}-${index}`, form.values);
        };
        const pays = forms.map((_, index) => pay(index));
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(shop.kill(victim)).to.not.deep.equal([]);
        const placedDuring = client.place().catch(() => undefined);
        const answered = await Promise.all(pays);
        await shop.back(victim);
        const alsoPlaced = await placedDuring;
        if (alsoPlaced !== undefined) orders.push(alsoPlaced);
        // Clients retry what got no answer, with the same key.
        const retried = await Promise.all(
          answered.map((answer, index) =>
            answer.status === 0 ? pay(index) : Promise.resolve(answer),
          ),
        );
        const rest = await atRest();
        for (const orderUrl of orders) expect(rest.orders.has(orderUrl), orderUrl).to.equal(true);
        retried.forEach((answer, index) => {
          if (answer.status !== 201) return;
          const order = rest.orders.get(orders[index] as string);
          const receipt = rest.receipts.find((candidate) => candidate.order === orders[index]);
          expect(
            order?.status === 'paid' || receipt?.status === 'refunded',
            `${orders[index]}`,
          ).to.equal(true);
        });
      });
    }
  });
}
