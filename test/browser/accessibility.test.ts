import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ensureBundle } from '../explorer/support/bundle.js';
import { launchBrowser, provideChromium, type TestBrowser } from './support/browser.js';
import { PAYMENTS_TOKEN, startCoffeeShop, type CoffeeShop } from './support/coffee.js';
import { startFormsService, type FormsService } from './support/forms-service.js';
import { form, tabTo, trailHops, waitForTitle } from './support/pages.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
  passes: unknown[];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
  );
  expect(results.passes.length).to.be.above(10);
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.help}): ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`,
  );
}

describe('explorer accessibility (Chromium, axe-core)', function () {
  this.timeout(60_000);
  let browser: TestBrowser;
  let shop: CoffeeShop;
  let forms: FormsService;

  before(provideChromium);
  before(async () => {
    ensureBundle();
    shop = await startCoffeeShop();
    forms = await startFormsService();
    browser = await launchBrowser();
    shop.store.set('101', {
      id: '101',
      drink: 'latte',
      size: 'large',
      quantity: 2,
      status: 'payment-expected',
      total: 7,
    });
    shop.store.set('102', {
      id: '102',
      drink: 'tea',
      size: 'small',
      quantity: 1,
      status: 'paid',
      total: 3.5,
    });
  });

  after(async () => {
    await browser?.close();
    await forms?.close();
    await shop?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    describe(`in the ${colorScheme} scheme`, () => {
      // axe is injected as a script, which the explorer's own policy rightly forbids: these pages
      // are opened with the policy bypassed, and the policy itself is tested in the other files.
      it('should report no violation on resource pages: links, forms, properties, embedded, trail', async () => {
        const { page } = await browser.newPage({ bypassCSP: true, colorScheme });
        await page.goto(`${shop.orders.url}/`);
        await waitForTitle(page, 'Coffee orders');
        await page.getByRole('button', { name: 'Go to Orders' }).click();
        await waitForTitle(page, '/orders');
        await page.getByText('Forms, links and properties').first().click();
        expect(await axeViolations(page)).to.deep.equal([]);

        await page.goto(`${shop.orders.url}/orders/101`);
        await waitForTitle(page, '/orders/101');
        await page.locator('summary', { hasText: 'Credentials' }).click();
        await page.locator('summary', { hasText: 'Raw body' }).click();
        expect(await axeViolations(page)).to.deep.equal([]);
      });

      it('should report no violation on a form page, with messages at the fields and a dialog open', async () => {
        const { page } = await browser.newPage({ bypassCSP: true, colorScheme });
        await page.goto(`${forms.url}/everything`);
        await waitForTitle(page, 'Every kind of field');
        const everything = form(page, 'Every kind of field');
        await everything.getByRole('option', { name: 'Green' }).waitFor({ state: 'attached' });
        await everything.getByLabel('Quantity (required)').fill('0');
        await everything.getByRole('button', { name: 'Send POST' }).click();
        await everything.getByText('Quantity must be at least 1').waitFor();
        expect(await axeViolations(page)).to.deep.equal([]);
        await form(page, 'Remove everything').getByRole('button', { name: 'Send DELETE…' }).click();
        await page.getByRole('dialog').waitFor();
        expect(await axeViolations(page)).to.deep.equal([]);
      });
    });
  }

  it('should let the whole workflow be done with the keyboard alone', async () => {
    const { page, incidents } = await browser.newPage();
    await page.goto(`${shop.orders.url}/`);
    await waitForTitle(page, 'Coffee orders');

    await tabTo(page, 'Drink (required)');
    await page.keyboard.type('espresso');
    await tabTo(page, 'Send POST');
    await page.keyboard.press('Enter');
    // The created resource is one key press away: the focus is already on it.
    await page.getByRole('link', { name: 'Open the created resource' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal(
      'Open the created resource',
    );
    await page.keyboard.press('Enter');
    await waitForTitle(page, /^\/orders\/\d+$/);
    const id = page.url().split('/').at(-1)!;
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('resource-title');

    await tabTo(page, 'Pay for this order');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${shop.payments.url}/payments/${id}`);
    await waitForTitle(page, `Payment for order ${id}`);

    await tabTo(page, 'Credentials');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Header name');
    await page.keyboard.type('Authorization');
    await tabTo(page, 'Header value');
    await page.keyboard.type(`Bearer ${PAYMENTS_TOKEN}`);
    await page.keyboard.press('Enter');
    await form(page, 'Pay').waitFor();

    await tabTo(page, 'Card number (required)');
    await page.keyboard.type('4111111111111111');
    await page.keyboard.press('Enter');
    await page.getByText('showing the state the server returned').waitFor();
    expect(shop.store.get(id)).to.include({ status: 'paid', drink: 'espresso' });

    await tabTo(page, /^Hop 1:/, { backwards: true });
    await page.keyboard.press('Enter');
    await page.waitForURL(`${shop.orders.url}/`);
    await waitForTitle(page, 'Coffee orders');
    expect((await trailHops(page)).findIndex((hop) => hop.current)).to.equal(0);
    expect(incidents).to.deep.equal({ errors: [], dialogs: [], cspViolations: [] });
  });
});
