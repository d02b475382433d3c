import { bearerAuth, createClient, type State } from '@halway/client';

const [entry = 'http://localhost:4001/', staffToken = process.env.COFFEE_SHOP_STAFF_TOKEN] =
  process.argv.slice(2);
const client = createClient();
const home = await client.go(entry).get();
const order = await home.form('place-order').submit({ drink: 'latte', size: 'large' });
const payment = await order.follow('payment').get();
await payment.form('pay').submit({ 'card-number': '4111111111111111', cardholder: 'Ada' });

// Poll the order (a 304 costs no body) until it offers what comes next.
async function until(offers: (state: State) => boolean): Promise<State> {
  const state = await client.go(order.url).refresh();
  return offers(state) ? state : new Promise((ok) => setTimeout(() => ok(until(offers)), 200));
}
const { href } = (await until((state) => state.has('cs:ticket'))).link('cs:ticket')!; // the barista's part:
const barista = createClient().use(bearerAuth(staffToken ?? ''), { origin: new URL(href).origin });
await (await (await barista.go(href).get()).form('start').submit({})).form('finish').submit({});
const done = await (await until((state) => state.hasForm('collect'))).form('collect').submit({});
console.log(`${done.url} is ${String(done.properties.status)}`);
