// The workflow npm run bench:client times, as each client's user writes it: read home → place an
// order → update it → follow its payment → pay. Each walk uses a new client (a new customer),
// checks that each step did what it should (so a broken walk cannot look fast) and returns the
// order's URL; `done` hears of the end of each step (the benchmark counts requests between them).
import { randomUUID } from 'node:crypto';
import { createClient } from '@halway/client';
import { Client as KettingClient } from 'ketting';

/** The steps, in order. */
export const STEPS = ['read home', 'place', 'update', 'follow payment', 'pay'] as const;
/** One step. */
export type Step = (typeof STEPS)[number];
/** Called as soon as a step has its answer. */
export type StepDone = (step: Step) => void;
/** One walk of the workflow from the shop's entry URL; resolves with the order's URL. */
export type Workflow = (entry: string, done?: StepDone) => Promise<string>;

const card = { 'card-number': '4111111111111111', cardholder: 'Bench' };

/** Fails the walk when a step did not do what it should have. */
function expect(who: string, what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected)
    throw new Error(
      `${who}: ${what} is ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`,
    );
}

/** With @halway/client: `Prefer: return=representation` makes every submission one request. */
const halway: Workflow = async (entry, done) => {
  const client = createClient();
  const home = await client.go(entry).get();
  done?.('read home');
  const order = await home.form('place-order').submit({ drink: 'latte', size: 'large' });
  done?.('place');
  const updated = await order.form('update').submit({ size: 'small' });
  expect('halway', 'the updated size', updated.properties.size, 'small');
  done?.('update');
  const payment = await updated.follow('payment').get();
  done?.('follow payment');
  const receipt = await payment.form('pay').submit(card);
  expect('halway', 'the receipt', receipt.properties.status, 'paid');
  done?.('pay');
  return order.url;
};

/**
 * With Ketting 8: its submit() does not follow `Location`, so the created order and receipt are
 * read with a GET, and the order again after its PATCH (which answers 204). The pay form requires
 * an Idempotency-Key, which Ketting does not send: a middleware adds one to every POST.
 */
const ketting: Workflow = async (entry, done) => {
  const client = new KettingClient(entry);
  client.use(async (request, next) => {
    if (request.method === 'POST') request.headers.set('Idempotency-Key', randomUUID());
    return next(request);
  });
  const home = await client.go(entry).get();
  done?.('read home');
  const placed = await home.action('place-order').submit({ drink: 'latte', size: 'large' });
  const order = client.go(new URL(placed.headers.get('location') ?? '', placed.uri).href);
  await order.get();
  done?.('place');
  await (await order.get()).action('update').submit({ size: 'small' });
  const updated = await order.get();
  expect('ketting', 'the updated size', (updated.data as { size?: string }).size, 'small');
  done?.('update');
  const payment = await (await order.follow('payment')).get();
  done?.('follow payment');
  const paid = await payment.action('pay').submit(card);
  const receipt = await client.go(new URL(paid.headers.get('location') ?? '', paid.uri).href).get();
  expect('ketting', 'the receipt', (receipt.data as { status?: string }).status, 'paid');
  done?.('pay');
  return order.uri;
};

/** The contenders' walks. */
export const WORKFLOWS = { halway, ketting } as const;
/** A contender. */
export type Contender = keyof typeof WORKFLOWS;
