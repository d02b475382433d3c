// The coffee shop example (examples/coffee-shop) in Chromium: its whole workflow across orders,
// payments and kitchen, three origins with no CORS, done by clicking and typing only.
import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startCoffeeShop, type CoffeeShop } from '@halway/example-coffee-shop';
import { ensureBundle } from '../explorer/support/bundle.js';
import {
  launchBrowser,
  provideChromium,
  type PageIncidents,
  type TestBrowser,
} from './support/browser.js';
import { form, setCredential, trailHops, waitForTitle } from './support/pages.js';

const SCREENSHOTS = new URL('../../test-results/coffee-shop/', import.meta.url);

/** The value of a top-level property in the page's properties table, once the table is there. */
async function property(page: Page, name: string): Promise<string> {
  const handle = await page.waitForFunction((wanted) => {
    const rows = document.querySelectorAll('table.properties:not(.nested) > tbody > tr');
    for (const row of rows) {
      if (row.querySelector('th')?.textContent?.trim() === wanted)
        return row.querySelector('td')?.textContent?.trim() ?? '';
    }
    return undefined;
  }, name);
  return (await handle.jsonValue()) as string;
}

/** Opens the page's own URL again until `done` holds: the services agree a moment later. */
async function reopenUntil(page: Page, done: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await done()) return;
    await page.waitForTimeout(100);
    await page
      .getByRole('search', { name: 'Open a URL' })
      .getByRole('button', { name: 'Open' })
      .click();
    await page.locator('table.properties').waitFor();
  }
  throw new Error(`${what} never happened`);
}

const reopenUntilStatus = (page: Page, value: string) =>
  reopenUntil(page, async () => (await property(page, 'status')) === value, `status ${value}`);

describe('examples/coffee-shop in the explorer (Chromium)', function () {
  this.timeout(60_000);
  let browser: TestBrowser;
  let shop: CoffeeShop;
  let page: Page;
  let incidents: PageIncidents;

  before(provideChromium);
  before(async () => {
    ensureBundle();
    shop = await startCoffeeShop({ outbox: { interval: 20, minDelay: 5, maxDelay: 50 } });
    browser = await launchBrowser();
    ({ page, incidents } = await browser.newPage());
  });

  after(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('should run the workflow by clicking: place, pay, start, finish, collect', async () => {
    await page.goto(`${shop.urls.orders}/`);
    await waitForTitle(page, 'Coffee shop');
    const place = form(page, 'Place an order');
    await place.getByLabel('Drink').selectOption('flat-white');
    await place.getByLabel('Quantity').fill('2');
    await place.getByRole('button', { name: 'Send POST' }).click();
    await page.getByRole('link', { name: 'Open the created resource' }).click();
    await waitForTitle(page, /orders\/[0-9a-f-]{36}/);
    const orderUrl = page.url();
    expect(await property(page, 'status')).to.equal('payment-expected');

    await page.getByRole('link', { name: 'Payment of an order' }).click();
    await page.waitForURL(new RegExp(`^${shop.urls.payments}/payments\\?order=`));
    const pay = form(page, 'Pay by card');
    await pay.getByLabel('Card number').fill('4111111111111111');
    await pay.getByLabel('Cardholder').fill('Ada Lovelace');
    await pay.getByRole('button', { name: 'Send POST' }).click();
    await page.getByRole('link', { name: 'Open the created resource' }).click();
    await waitForTitle(page, /Receipt|receipts\//);
    expect(await property(page, 'status')).to.equal('paid');

    await page.getByRole('link', { name: 'The order' }).click();
    await page.waitForURL(orderUrl);
    await reopenUntilStatus(page, 'paid');
    // The ticket is linked once the kitchen has it.
    await reopenUntil(
      page,
      async () => (await page.getByRole('link', { name: 'Ticket' }).count()) > 0,
      'a ticket link',
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: new URL('order-paid.png', SCREENSHOTS).pathname,
      fullPage: true,
    });

    await page.getByRole('link', { name: 'Ticket' }).click();
    await page.waitForURL(new RegExp(`^${shop.urls.kitchen}/`));
    await page.locator('table.properties').waitFor();
    expect(await property(page, 'status')).to.equal('queued');
    // Only the staff may start and finish a ticket: the barista gives the staff token here.
    expect(await page.getByRole('form', { name: 'Start making it' }).count()).to.equal(0);
    await setCredential(page, 'Authorization', `Bearer ${shop.staffToken}`);
    await form(page, 'Start making it').getByRole('button', { name: 'Send POST' }).click();
    await form(page, 'It is ready').getByRole('button', { name: 'Send POST' }).click();
    await page.getByRole('form', { name: 'It is ready' }).waitFor({ state: 'detached' });
    expect(await property(page, 'status')).to.equal('ready');

    await page.getByRole('link', { name: 'The order' }).click();
    await page.waitForURL(orderUrl);
    await reopenUntilStatus(page, 'ready');
    await form(page, 'Collect the drink').getByRole('button', { name: 'Send POST' }).click();
    await page.getByRole('form', { name: 'Collect the drink' }).waitFor({ state: 'detached' });
    expect(await property(page, 'status')).to.equal('completed');
    const stored = await shop.services.orders.store.read((db) =>
      db.get('order', new URL(orderUrl).pathname.split('/').pop() ?? ''),
    );
    expect(stored).to.include({ status: 'completed', drink: 'flat-white', quantity: 2 });
  });

  it('should show the trail across the three services, each in its own colour', async () => {
    const hops = await trailHops(page);
    const origins = [...new Set(hops.map((hop) => hop.origin))];
    expect(origins).to.deep.equal(
      [shop.urls.orders, shop.urls.payments, shop.urls.kitchen].map((url) =>
        url.replace('http://', ''),
      ),
    );
    const colours = new Map(hops.map((hop) => [hop.origin, hop.colour]));
    expect(new Set(colours.values()).size).to.equal(3);
    expect(hops.map((hop) => hop.label)).to.include.members([
      'place-order',
      'payment',
      'pay',
      'cs:ticket',
      'start',
      'finish',
      'collect',
    ]);
  });

  it('should have needed no CORS and seen no error, dialog or policy violation', () => {
    for (const name of ['orders', 'payments', 'kitchen'] as const) {
      expect(
        shop.requests[name].filter(
          (entry) =>
            entry.method === 'OPTIONS' ||
            (entry.headers.origin && entry.headers.origin !== shop.urls[name]),
        ),
      ).to.deep.equal([]);
    }
    expect(incidents).to.deep.equal({ errors: [], dialogs: [], cspViolations: [] });
  });
});
