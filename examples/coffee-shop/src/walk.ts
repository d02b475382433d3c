import { createClient, type State } from '@halway/client';

const client = createClient();
const home = await client.go(process.argv[2] ?? 'http://localhost:4001/').get();
const order = await home.form('place-order').submit({ drink: 'latte', size: 'large' });
const payment = await order.follow('payment').get();
await payment.form('pay').submit({ 'card-number': '4111111111111111', cardholder: 'Ada' });

// Poll the order (a 304 costs no body) until it offers what comes next.
async function until(offers: (state: State) => boolean): Promise<State> {
  const state = await client.go(order.url).refresh();
  return offers(state) ? state : new Promise((ok) => setTimeout(() => ok(until(offers)), 200));
}
const ticket = await (await until((state) => state.has('ticket'))).follow('ticket').get();
await (await ticket.form('start').submit({})).form('finish').submit({}); // the barista's part
const ready = await until((state) => state.hasForm('collect'));
const done = await ready.form('collect').submit({});
console.log(`${done.url} is ${String(done.properties.status)}`);
