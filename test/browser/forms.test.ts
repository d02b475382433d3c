import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { ensureBundle } from '../explorer/support/bundle.js';
import {
  launchBrowser,
  provideChromium,
  type PageIncidents,
  type TestBrowser,
} from './support/browser.js';
import { startFormsService, type FormsService } from './support/forms-service.js';
import { form, waitForTitle } from './support/pages.js';

const SCREENSHOTS = new URL('../../test-results/explorer/', import.meta.url);

describe('explorer forms (Chromium)', function () {
  this.timeout(60_000);
  let browser: TestBrowser;
  let service: FormsService;
  let page: Page;
  let incidents: PageIncidents;
  let everything: Locator;

  before(provideChromium);
  before(async () => {
    ensureBundle();
    service = await startFormsService();
    browser = await launchBrowser();
    ({ page, incidents } = await browser.newPage());
  });

  after(async () => {
    await browser?.close();
    await service?.close();
  });

  beforeEach(async () => {
    await page.goto(`${service.url}/everything`);
    await waitForTitle(page, 'Every kind of field');
    everything = form(page, 'Every kind of field');
    await everything.getByRole('option', { name: 'Green' }).waitFor({ state: 'attached' });
  });

  it('should render a control for every HAL-FORMS property type and attribute', async () => {
    const attributes = async (label: string, names: string[]) =>
      everything
        .getByLabel(label, { exact: true })
        .evaluate(
          (element, list) =>
            Object.fromEntries(list.map((name) => [name, element.getAttribute(name)])),
          names,
        );
    expect(await attributes('Name (required)', ['type', 'placeholder', 'required'])).to.deep.equal({
      type: 'text',
      placeholder: 'Ada',
      required: '',
    });
    expect(await attributes('Quantity (required)', ['type', 'min', 'max', 'step'])).to.deep.equal({
      type: 'number',
      min: '1',
      max: '10',
      step: '1',
    });
    expect(await attributes('Price', ['type', 'min', 'step'])).to.deep.equal({
      type: 'number',
      min: '0',
      step: '0.5',
    });
    for (const [label, type] of [
      ['Email', 'email'],
      ['Website', 'url'],
      ['Day', 'date'],
      ['Meeting', 'datetime-local'],
      ['Alarm', 'time'],
      ['Secret', 'password'],
      ['Subscribe', 'checkbox'],
    ] as const) {
      expect(await attributes(label, ['type']), label).to.deep.equal({ type });
    }
    expect(await attributes('Notes', ['rows', 'cols'])).to.deep.equal({ rows: '4', cols: '40' });
    expect(await everything.getByLabel('Notes').evaluate((element) => element.tagName)).to.equal(
      'TEXTAREA',
    );
    expect(await attributes('Reference', ['readonly'])).to.deep.equal({ readonly: '' });
    expect(await everything.getByLabel('Reference').inputValue()).to.equal('R-7');
    expect(await everything.locator('input[type=hidden][name=token]').inputValue()).to.equal('t-1');
    expect(await everything.getByText('Also sends: token = t-1').count()).to.equal(1);

    const size = everything.getByRole('radiogroup', { name: 'Size' });
    expect(await size.getByRole('radio').count()).to.equal(3);
    expect(await size.getByRole('radio', { name: 'M' }).isChecked()).to.equal(true);
    expect(await everything.getByLabel('Drink').locator('option').allInnerTexts()).to.deep.equal([
      '— none —',
      'Tea',
      'Coffee',
    ]);
    // Options from a link, read with promptField and valueField.
    const colour = everything.getByLabel('Colour (required)');
    expect(await colour.locator('option').allInnerTexts()).to.deep.equal([
      '— choose —',
      'Red',
      'Green',
    ]);
    expect(
      await colour
        .locator('option')
        .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value)),
    ).to.deep.equal(['', 'r', 'g']);
    const toppings = everything.getByRole('group', { name: 'Toppings' });
    expect(await toppings.getByRole('checkbox').count()).to.equal(4);
    expect(await toppings.getByRole('checkbox', { name: 'cheese' }).isChecked()).to.equal(true);
    expect(await toppings.getByText('choose 1 to 2').count()).to.equal(1);
    expect(await everything.getByText('pattern ^[A-Z]{3}-\\d{2}$').count()).to.equal(1);
  });

  it('should check every constraint before sending, with the messages at the fields', async () => {
    const posts = service.log.filter((entry) => entry.method === 'POST').length;
    await everything.getByLabel('Name (required)').fill('A');
    await everything.getByLabel('Quantity (required)').fill('11');
    await everything.getByLabel('Price').fill('0.3');
    await everything.getByLabel('Email').fill('nobody');
    await everything.getByLabel('Website').fill('example');
    await everything.getByLabel('Code').fill('abc');
    await everything.getByLabel('Notes').fill('x'.repeat(101));
    await everything.getByRole('checkbox', { name: 'olives' }).check();
    await everything.getByRole('checkbox', { name: 'ham' }).check();
    await everything.getByRole('button', { name: 'Send POST' }).click();

    const messages = {
      'Name (required)': 'Name must be at least 2 characters long',
      'Quantity (required)': 'Quantity must be at most 10',
      Price: 'Price must be a multiple of 0.5',
      Email: 'Email must be an email address',
      Website: 'Website must be an absolute URL',
      Code: 'Code must match the pattern ^[A-Z]{3}-\\d{2}$',
      Notes: 'Notes must be at most 100 characters long',
      'Colour (required)': 'Colour is required',
    };
    for (const [label, message] of Object.entries(messages)) {
      const control = everything.getByLabel(label, { exact: true });
      expect(await control.getAttribute('aria-invalid'), label).to.equal('true');
      const described = (await control.getAttribute('aria-describedby'))!.split(' ');
      const texts = await Promise.all(
        described.map((id) => page.locator(`[id="${id}"]`).innerText()),
      );
      expect(texts, label).to.include(message);
    }
    await everything.getByText('Toppings must have at most 2 selections').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).to.equal(
      'name',
    );
    expect(service.log.filter((entry) => entry.method === 'POST')).to.have.length(posts);
  });

  it('should send the values as typed JSON, hidden and read-only fields included', async () => {
    await everything.getByLabel('Name (required)').fill('Ada');
    await everything.getByLabel('Quantity (required)').fill('3');
    await everything.getByLabel('Price').fill('2.5');
    await everything.getByLabel('Email').fill('ada@example.com');
    await everything.getByLabel('Website').fill('https://example.com/ada');
    await everything.getByLabel('Day').fill('2026-03-01');
    await everything.getByLabel('Meeting').fill('2026-03-01T09:30');
    await everything.getByLabel('Alarm').fill('07:15');
    await everything.getByLabel('Secret').fill('s3cret');
    await everything.getByLabel('Notes').fill('two\nlines');
    await everything.getByLabel('Subscribe').check();
    await everything.getByRole('radio', { name: 'L' }).check();
    await everything.getByLabel('Drink').selectOption('Coffee');
    await everything.getByLabel('Colour (required)').selectOption('Green');
    await everything.getByRole('checkbox', { name: 'basil' }).check();
    await everything.getByLabel('Code').fill('ABC-12');
    await everything.getByRole('button', { name: 'Send POST' }).click();
    await page.getByText('Every kind of field: done').waitFor();

    const received = service.received.at(-1)!;
    expect(received.action).to.equal('send-everything');
    expect(received.contentType).to.equal('application/json');
    expect(received.body).to.deep.equal({
      name: 'Ada',
      quantity: 3,
      price: 2.5,
      email: 'ada@example.com',
      website: 'https://example.com/ada',
      day: '2026-03-01',
      meeting: '2026-03-01T09:30',
      alarm: '07:15',
      secret: 's3cret',
      token: 't-1',
      notes: 'two\nlines',
      subscribe: true,
      size: 'L',
      drink: 'coffee',
      colour: 'g',
      toppings: ['cheese', 'basil'],
      code: 'ABC-12',
      ref: 'R-7',
    });
  });

  it('should send urlencoded bodies when the template’s contentType says so', async () => {
    const register = form(page, 'Register');
    await register.getByLabel('Nickname').fill('ada & co');
    await register.getByLabel('Age').fill('36');
    await register.getByRole('checkbox', { name: 'music' }).check();
    await register.getByRole('checkbox', { name: 'books' }).check();
    await register.getByRole('button', { name: 'Send POST' }).click();
    await page.getByText('Register: done').waitFor();
    const received = service.received.at(-1)!;
    expect(received.action).to.equal('register');
    expect(received.contentType).to.equal('application/x-www-form-urlencoded');
    expect(received.body).to.deep.equal({
      nickname: 'ada & co',
      age: '36',
      interests: ['music', 'books'],
    });
    expect(received.input).to.deep.equal({
      nickname: 'ada & co',
      age: 36,
      interests: ['music', 'books'],
    });
  });

  it('should put a GET form’s values in the query and go there', async () => {
    await form(page, 'Search').getByLabel('Query').fill('blue cheese');
    await form(page, 'Search').getByRole('button', { name: 'Go' }).click();
    await waitForTitle(page, 'Results');
    expect(page.url()).to.equal(`${service.url}/results?q=blue+cheese`);
    expect(service.log.at(-1)!.url).to.equal('/results?q=blue+cheese');
  });

  it('should put a DELETE form’s values in the query, once confirmed', async () => {
    const remove = form(page, 'Remove everything');
    await remove.getByLabel('Reason').fill('spring clean');
    await remove.getByRole('button', { name: 'Send DELETE…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send DELETE' }).click();
    await page.getByText('Remove everything: done').waitFor();
    const deletion = service.log.filter((entry) => entry.method === 'DELETE').at(-1)!;
    expect(deletion.url).to.equal('/everything?reason=spring+clean');
    expect(service.received.at(-1)!.input).to.deep.equal({ reason: 'spring clean' });
  });

  it('should place the server’s field errors at the fields when the explorer does not check first', async () => {
    await page.locator('summary', { hasText: 'Settings' }).click();
    await page.getByLabel('Check form values before sending').uncheck();
    await page.locator('summary', { hasText: 'Settings' }).click();
    await everything.getByLabel('Name (required)').fill('A');
    await everything.getByLabel('Quantity (required)').fill('3');
    await everything.getByLabel('Colour (required)').selectOption('Red');
    await everything.getByLabel('Code').fill('nope');
    await everything.getByRole('button', { name: 'Send POST' }).click();
    await everything.getByText('Invalid input').waitFor();
    expect(
      service.log.filter((entry) => entry.method === 'POST').at(-1)!.headers['content-type'],
    ).to.equal('application/json');
    for (const label of ['Name (required)', 'Code']) {
      expect(
        await everything.getByLabel(label, { exact: true }).getAttribute('aria-invalid'),
        label,
      ).to.equal('true');
    }
    await everything.getByText(/^Name must /).waitFor();
    await everything.getByText(/^Code must match/).waitFor();
    await page.locator('summary', { hasText: 'Settings' }).click();
    await page.getByLabel('Check form values before sending').check();
    await page.locator('summary', { hasText: 'Settings' }).click();
  });

  it('should open a CURIE rel’s documentation beside the resource', async () => {
    await page.getByRole('button', { name: 'Docs for local:colours' }).click();
    const pane = page.getByRole('complementary', { name: 'Documentation of local:colours' });
    await pane.waitFor();
    const resource = await page.locator('main').boundingBox();
    const beside = await pane.boundingBox();
    expect(beside!.x).to.be.above(resource!.x + resource!.width - 1);
    await page
      .frameLocator('iframe[title="Documentation of local:colours"]')
      .getByRole('heading', { name: 'About colours' })
      .waitFor();

    await page.getByRole('button', { name: 'Docs for ext:results' }).click();
    const external = page.getByRole('complementary', { name: 'Documentation of ext:results' });
    const link = external.getByRole('link', { name: 'Open the documentation in a new tab' });
    expect(await link.getAttribute('href')).to.equal('https://docs.example/rels/results');
    expect(await link.getAttribute('target')).to.equal('_blank');
    expect(await link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(await external.locator('iframe').count()).to.equal(0);
    await external.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('complementary').count()).to.equal(0);
  });

  it('should mark a deprecated link and warn once it is followed', async () => {
    const row = page.locator('table.links tr', { hasText: 'Old results' });
    await row.getByText('deprecated: https://docs.example/deprecations/old').waitFor();
    await row.getByRole('link', { name: 'Old results' }).click();
    await waitForTitle(page, 'Results');
    await page.getByRole('status').getByText('The link "old" is deprecated:').waitFor();
  });

  it('should look right: a screenshot of the form with its messages', async () => {
    await everything.getByLabel('Quantity (required)').fill('12');
    await everything.getByRole('button', { name: 'Send POST' }).click();
    await everything.getByText('Quantity must be at most 10').waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = new URL('form.png', SCREENSHOTS).pathname;
    await everything.screenshot({ path });
    expect(incidents).to.deep.equal({ errors: [], dialogs: [], cspViolations: [] });
  });
});
