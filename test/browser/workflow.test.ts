import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Page, Response } from 'playwright-core';
import { ensureBundle } from '../explorer/support/bundle.js';
import {
  launchBrowser,
  provideChromium,
  type PageIncidents,
  type TestBrowser,
} from './support/browser.js';
import {
  DECLINED_CARD,
  PAYMENTS_TOKEN,
  startCoffeeShop,
  type CoffeeShop,
} from './support/coffee.js';
import { form, setCredential, trailHops, waitForTitle } from './support/pages.js';
import type { RecordedRequest } from './support/recorded.js';

const ORDERS_TOKEN = 'alpha-token';
const SCREENSHOTS = new URL('../../test-results/explorer/', import.meta.url);

// The requests the explorer's script made (not the browser's page loads and asset requests).
function apiRequests(log: RecordedRequest[]): RecordedRequest[] {
  return log.filter(
    (entry) =>
      !entry.url.startsWith('/_explorer/') && !/text\/html/.test(entry.headers.accept ?? ''),
  );
}

describe('explorer workflow across services (Chromium)', function () {
  this.timeout(60_000);
  let browser: TestBrowser;
  let shop: CoffeeShop;
  let page: Page;
  let incidents: PageIncidents;
  const responses: Response[] = [];
  const requestedOrigins: string[] = [];

  before(provideChromium);
  before(async () => {
    ensureBundle();
    shop = await startCoffeeShop();
    browser = await launchBrowser();
    ({ page, incidents } = await browser.newPage());
    page.on('response', (response) => responses.push(response));
    page.on('request', (request) => {
      if (request.resourceType() === 'fetch')
        requestedOrigins.push(
          `${new URL(request.url()).origin} from ${new URL(request.frame().url()).origin}`,
        );
    });
  });

  after(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('should place an order, pay on the payments service and come back, by clicking and typing only', async () => {
    await page.goto(`${shop.orders.url}/`);
    await waitForTitle(page, 'Coffee orders');
    await setCredential(page, 'Authorization', `Bearer ${ORDERS_TOKEN}`);

    const placeOrder = form(page, 'Place an order');
    await placeOrder.getByLabel('Drink').selectOption('latte');
    await placeOrder.getByLabel('Quantity').fill('2');
    await placeOrder.getByRole('button', { name: 'Send POST' }).click();
    await page.getByRole('status').getByText('201 Created').first().waitFor();
    await page.getByRole('link', { name: 'Open the created resource' }).click();
    await waitForTitle(page, '/orders/1');
    expect(await page.locator('table.properties').innerText()).to.match(
      /status\s+payment-expected/,
    );

    await page.getByRole('link', { name: 'Pay for this order' }).click();
    await page.waitForURL(`${shop.payments.url}/payments/1`);
    await waitForTitle(page, 'Payment for order 1');
    // Paying needs credentials for payments: without them the form is not offered.
    expect(await page.getByRole('form', { name: 'Pay' }).count()).to.equal(0);
    await setCredential(page, 'Authorization', `Bearer ${PAYMENTS_TOKEN}`);

    const pay = form(page, 'Pay');
    await pay.getByLabel('Card number').fill(DECLINED_CARD);
    await pay.getByRole('button', { name: 'Send POST' }).click();
    await pay.getByText('Card number was declined by the bank').waitFor();
    expect(await pay.getByLabel('Card number').getAttribute('aria-invalid')).to.equal('true');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('payment.png', SCREENSHOTS).pathname });

    await pay.getByLabel('Card number').fill('4111111111111111');
    await pay.getByRole('button', { name: 'Send POST' }).click();
    await page.getByText('showing the state the server returned').waitFor();
    expect(await page.locator('table.properties').innerText()).to.match(/status\s+paid/);

    await page.getByRole('link', { name: 'The order' }).click();
    await page.waitForURL(`${shop.orders.url}/orders/1`);
    await waitForTitle(page, '/orders/1');
    expect(await page.locator('table.properties').innerText()).to.match(/status\s+paid/);
    expect(await page.getByRole('link', { name: 'Pay for this order' }).count()).to.equal(0);
    expect(shop.store.get('1')).to.include({ status: 'paid', quantity: 2, drink: 'latte' });
  });

  it('should need no CORS: every request the page made went to its own origin', () => {
    expect(requestedOrigins.length).to.be.above(5);
    for (const entry of requestedOrigins) {
      const [to, from] = entry.split(' from ');
      expect(to, entry).to.equal(from);
    }
    for (const response of responses)
      expect(
        Object.keys(response.headers()).filter((name) => name.startsWith('access-control-')),
      ).to.deep.equal([]);
    const preflights = [...shop.orders.log, ...shop.payments.log].filter(
      (entry) => entry.method === 'OPTIONS',
    );
    expect(preflights).to.deep.equal([]);
  });

  it('should show the trail of hops across both services, each service in a colour of its own', async () => {
    const hops = await trailHops(page);
    const orders = shop.orders.url.replace('http://', '');
    const payments = shop.payments.url.replace('http://', '');
    expect(
      hops.map((hop) => [hop.origin, hop.label, hop.meta.replace(/ · \d+ ms$/, '')]),
    ).to.deep.equal([
      [orders, 'open', 'GET · 200'],
      [orders, 'place-order', 'POST · 201'],
      [orders, 'location', 'GET · 200'],
      [payments, 'payment', 'GET · 200'],
      [payments, 'pay', 'POST · 422'],
      [payments, 'pay', 'POST · 200'],
      [orders, 'order', 'GET · 200'],
    ]);
    for (const hop of hops) expect(hop.meta).to.match(/ · \d+ ms$/);
    expect(hops.map((hop) => hop.current)).to.deep.equal([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(hops[0]!.colour).to.equal(hops[6]!.colour);
    expect(hops[3]!.colour).to.equal(hops[5]!.colour);
    expect(hops[0]!.colour).not.to.equal(hops[3]!.colour);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('resource.png', SCREENSHOTS).pathname, fullPage: true });
  });

  it('should go back to a hop on the other service when it is clicked, and back again', async () => {
    await page.locator('nav[aria-label="Trail"] li').nth(3).getByRole('link').click();
    await page.waitForURL(`${shop.payments.url}/payments/1`);
    await waitForTitle(page, 'Payment for order 1');
    let hops = await trailHops(page);
    expect(hops).to.have.length(7);
    expect(hops.map((hop) => hop.current)).to.deep.equal([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);

    await page.locator('nav[aria-label="Trail"] li').nth(2).getByRole('link').click();
    await page.waitForURL(`${shop.orders.url}/orders/1`);
    await waitForTitle(page, '/orders/1');
    hops = await trailHops(page);
    expect(hops).to.have.length(7);
    expect(hops.findIndex((hop) => hop.current)).to.equal(2);

    // A new step from a hop in the past replaces the hops after it.
    await page.locator('nav.pager').getByRole('link', { name: 'Collection' }).click();
    // Exactly '/orders': a name given as a string also matches the '/orders/1' still shown.
    await waitForTitle(page, /^\/orders$/);
    hops = await trailHops(page);
    expect(hops.map((hop) => hop.label)).to.deep.equal([
      'open',
      'place-order',
      'location',
      'collection',
    ]);
  });

  it('should send each origin its own credentials and never another’s (server request logs)', () => {
    const orders = apiRequests(shop.orders.log);
    const payments = apiRequests(shop.payments.log);
    const firstWithToken = orders.findIndex((entry) => entry.headers.authorization !== undefined);
    expect(firstWithToken).to.equal(1);
    for (const entry of orders.slice(firstWithToken))
      expect(entry.headers.authorization, `${entry.method} ${entry.url}`).to.equal(
        `Bearer ${ORDERS_TOKEN}`,
      );
    expect(payments.length).to.be.above(2);
    for (const entry of payments)
      expect(entry.headers.authorization ?? '', `${entry.method} ${entry.url}`).not.to.include(
        ORDERS_TOKEN,
      );
    expect(
      payments.filter((entry) => entry.headers.authorization === `Bearer ${PAYMENTS_TOKEN}`),
    ).to.have.length(payments.length - 1);
    for (const entry of [...shop.orders.log, ...shop.payments.log]) {
      expect(entry.url).not.to.include(ORDERS_TOKEN);
      expect(entry.url).not.to.include(PAYMENTS_TOKEN);
      if (/text\/html/.test(entry.headers.accept ?? ''))
        expect(entry.headers.authorization).to.equal(undefined);
    }
    expect(page.url()).not.to.include('token');
  });

  it('should send a double-clicked form once, with an Idempotency-Key', async () => {
    await page.goto(`${shop.orders.url}/`);
    await waitForTitle(page, 'Coffee orders');
    const posts = () => shop.orders.log.filter((entry) => entry.method === 'POST');
    const before = posts().length;
    const placeOrder = form(page, 'Place an order');
    await placeOrder.getByLabel('Drink').selectOption('tea');
    await placeOrder.getByRole('button', { name: 'Send POST' }).dblclick();
    await page.getByRole('status').getByText('201 Created').first().waitFor();
    expect(posts()).to.have.length(before + 1);
    expect(posts().at(-1)!.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    expect(posts().at(-1)!.headers.prefer).to.equal('return=representation');
    expect([...shop.store.values()].filter((order) => order.drink === 'tea')).to.have.length(1);
  });

  it('should resend with the same Idempotency-Key after a network error, so the work is done once', async () => {
    const keys: string[] = [];
    let failNext = true;
    await page.route('**/', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key']!);
      if (failNext) {
        failNext = false;
        return route.abort('connectionreset');
      }
      return route.fallback();
    });
    const placeOrder = form(page, 'Place an order');
    await placeOrder.getByLabel('Drink').selectOption('espresso');
    await placeOrder.getByRole('button', { name: 'Send POST' }).click();
    await page.getByText('no answer (network error)').waitFor();
    await placeOrder.getByRole('button', { name: 'Send POST' }).click();
    await page.getByRole('status').getByText('201 Created').first().waitFor();
    await page.unroute('**/');
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    expect([...shop.store.values()].filter((order) => order.drink === 'espresso')).to.have.length(
      1,
    );
    // After an answer, the same values are new work, with a new key.
    await placeOrder.getByRole('button', { name: 'Send POST' }).click();
    await page.getByRole('status').getByText('201 Created').first().waitFor();
    const last = shop.orders.log.filter((entry) => entry.method === 'POST').at(-1)!;
    expect(last.headers['idempotency-key']).not.to.equal(keys[0]);
  });

  it('should ask before a DELETE and send it only once confirmed', async () => {
    await page.goto(`${shop.orders.url}/orders/2`);
    await waitForTitle(page, '/orders/2');
    const deletes = () => shop.orders.log.filter((entry) => entry.method === 'DELETE');
    const cancel = form(page, 'Cancel the order');
    await cancel.getByRole('button', { name: 'Send DELETE…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the order?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).to.equal(0);
    expect(deletes()).to.have.length(0);

    await cancel.getByRole('button', { name: 'Send DELETE…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send DELETE' }).click();
    await page.getByText('showing the state the server returned').waitFor();
    expect(deletes()).to.have.length(1);
    expect(await page.locator('table.properties').innerText()).to.match(/status\s+cancelled/);
  });

  it('should open a created resource at once when the setting says so, from the 201’s own body', async () => {
    await page.goto(`${shop.orders.url}/`);
    await waitForTitle(page, 'Coffee orders');
    await page.locator('summary', { hasText: 'Settings' }).click();
    await page.getByLabel('Open a created resource (201) right away').check();
    await page.locator('summary', { hasText: 'Settings' }).click();
    const before = shop.orders.log.length;
    const placeOrder = form(page, 'Place an order');
    await placeOrder.getByLabel('Drink').selectOption('latte');
    await placeOrder.getByRole('button', { name: 'Send POST' }).click();
    await waitForTitle(page, /^\/orders\/\d+$/);
    expect(page.url()).to.match(/\/orders\/\d+$/);
    expect(shop.orders.log.slice(before).map((entry) => entry.method)).to.deep.equal(['POST']);
  });

  it('should hand a form for another service over to that service’s explorer, and send it there', async () => {
    shop.store.set('50', {
      id: '50',
      drink: 'tea',
      size: 'small',
      quantity: 1,
      status: 'payment-expected',
      total: 3.5,
    });
    await page.goto(`${shop.orders.url}/offer?order=50`);
    await waitForTitle(page, 'An offer');
    const offer = page.getByRole('region', { name: 'Pay on the payments service' });
    await offer.getByText('the form opens in that service’s explorer').waitFor();
    expect(await offer.getByRole('textbox').count()).to.equal(0);
    await offer.getByRole('link', { name: `Fill it in on ${shop.payments.url}` }).click();
    await page.waitForURL(`${shop.payments.url}/payments/50`);
    const handed = page.getByRole('region', { name: 'Form handed over' });
    await handed.getByText(`Offered by ${shop.orders.url}/offer?order=50`).waitFor();
    await handed.getByLabel('Card number').fill('4111111111111111');
    await handed.getByRole('button', { name: 'Send POST' }).click();
    await page.getByText('showing the state the server returned').waitFor();
    expect(shop.store.get('50')!.status).to.equal('paid');
    const hops = await trailHops(page);
    expect(
      hops.slice(-2).map((hop) => [hop.label, hop.meta.replace(/ · \d+ ms$/, '')]),
    ).to.deep.equal([
      ['pay (form)', 'GET · 200'],
      ['pay', 'POST · 200'],
    ]);
  });

  it('should send a GET form for another service as a navigation to it, with the trail', async () => {
    await page.goto(`${shop.payments.url}/`);
    await waitForTitle(page, 'Payments');
    const find = form(page, 'Find an order');
    await find.getByLabel('Order number').fill('50');
    await find.getByRole('button', { name: 'Go' }).click();
    await page.waitForURL(`${shop.orders.url}/orders/50`);
    await waitForTitle(page, '/orders/50');
    const hops = await trailHops(page);
    expect(hops.at(-1)).to.deep.include({
      label: 'find-order',
      origin: shop.orders.url.replace('http://', ''),
      current: true,
    });
    expect(hops.at(-2)!.origin).to.equal(shop.payments.url.replace('http://', ''));
  });

  it('should send an embedded item’s forms to the item’s own self', async () => {
    shop.store.set('60', {
      id: '60',
      drink: 'latte',
      size: 'large',
      quantity: 1,
      status: 'payment-expected',
      total: 3.5,
    });
    await page.goto(`${shop.orders.url}/orders`);
    await waitForTitle(page, '/orders');
    const item = page.locator('article.item', {
      has: page.getByRole('heading', { name: '/orders/60' }),
    });
    await item.getByText('Forms, links and properties').click();
    await item.getByRole('form', { name: 'Change the order' }).getByLabel('Quantity').fill('4');
    await item
      .getByRole('form', { name: 'Change the order' })
      .getByRole('button', { name: 'Send PATCH' })
      .click();
    await waitForTitle(page, '/orders/60');
    expect(page.url()).to.equal(`${shop.orders.url}/orders/60`);
    expect(shop.store.get('60')).to.include({ quantity: 4, total: 14 });
    expect(shop.orders.log.filter((entry) => entry.method === 'PATCH').at(-1)!.url).to.equal(
      '/orders/60',
    );
  });

  it('should run under the strict policy with no violation, page error or dialog', () => {
    expect(incidents).to.deep.equal({ errors: [], dialogs: [], cspViolations: [] });
  });
});
