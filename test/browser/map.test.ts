// The explorer's "Map" view in Chromium: the services the trail has crossed, the resources
// visited in each and the steps between them, with the resource shown now highlighted.
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
import { form, waitForTitle } from './support/pages.js';

const SCREENSHOTS = new URL('../../test-results/map/', import.meta.url);

describe('the explorer’s map of the trail (Chromium)', function () {
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

  async function openMap(): Promise<void> {
    const summary = page.getByText('Map', { exact: true });
    if ((await page.locator('details.map-panel').getAttribute('open')) === null)
      await summary.click();
    await page.locator('svg.map').waitFor();
  }

  it('should draw the services crossed, the steps taken and the resource shown now', async () => {
    await page.goto(`${shop.urls.orders}/`);
    await waitForTitle(page, 'Coffee shop');
    await openMap();
    expect(await page.locator('svg.map').getAttribute('aria-label')).to.equal(
      'Map of the trail: 1 service, 1 resource',
    );

    const place = form(page, 'Place an order');
    await place.getByLabel('Drink').selectOption('latte');
    await place.getByRole('button', { name: 'Send POST' }).click();
    await page.getByRole('link', { name: 'Open the created resource' }).click();
    await waitForTitle(page, /orders\/[0-9a-f-]{36}/);
    await page.getByRole('link', { name: 'Payment of an order' }).click();
    await page.waitForURL(new RegExp(`^${shop.urls.payments}/payments\\?order=`));
    const pay = form(page, 'Pay by card');
    await pay.getByLabel('Card number').fill('4111111111111111');
    await pay.getByLabel('Cardholder').fill('Ada Lovelace');
    await pay.getByRole('button', { name: 'Send POST' }).click();
    await page.getByRole('link', { name: 'Open the created resource' }).click();
    await waitForTitle(page, /Receipt|receipts\//);
    await page.getByRole('link', { name: 'The order' }).click();
    await page.waitForURL(new RegExp(`^${shop.urls.orders}/orders/[0-9a-f-]{36}$`));
    await waitForTitle(page, /orders\/[0-9a-f-]{36}/);

    // The page is new (another service's explorer led here): the map comes with the trail.
    await openMap();
    const map = page.locator('svg.map');
    expect(await map.getAttribute('aria-label')).to.match(
      /^Map of the trail: 2 services, \d+ resources$/,
    );
    const services = await page.locator('.map-service-name').allTextContents();
    expect(services).to.deep.equal(
      [shop.urls.orders, shop.urls.payments].map((url) => url.replace('http://', '')),
    );
    expect(await page.locator('.map-node.current text').textContent()).to.match(
      /^\/orders\/[0-9a-f-]{36}$/,
    );
    expect(await page.locator('.map-node[aria-current="location"]').count()).to.equal(1);
    const unsafe = await page.locator('.map-edge.unsafe text').allTextContents();
    expect(unsafe).to.include.members(['place-order', 'pay']);
    const safe = await page.locator('.map-edge.safe text').allTextContents();
    expect(safe).to.include('payment');
    // Each service's box is drawn in that service's colour, as the trail is.
    const strokes = await page
      .locator('.map-service > rect')
      .evaluateAll((rects) => rects.map((rect) => getComputedStyle(rect).stroke));
    expect(new Set(strokes).size).to.equal(2);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page
      .locator('nav.trail')
      .screenshot({ path: new URL('trail-map.png', SCREENSHOTS).pathname });
  });

  it('should move the highlight when the person goes back along the trail', async () => {
    await page.goBack();
    await page.waitForURL(new RegExp(`^${shop.urls.payments}/receipts/`));
    await openMap();
    expect(await page.locator('.map-node.current text').textContent()).to.match(/^\/receipts\//);
  });

  it('should have seen no error, dialog or policy violation', () => {
    expect(incidents).to.deep.equal({ errors: [], dialogs: [], cspViolations: [] });
  });
});
