import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ensureBundle } from '../explorer/support/bundle.js';
import {
  launchBrowser,
  provideChromium,
  type PageIncidents,
  type TestBrowser,
} from './support/browser.js';
import { PAYLOADS, startHostileService } from './support/hostile-service.js';
import { form, trailHops } from './support/pages.js';
import type { RecordedService } from './support/recorded.js';

function fragment(value: unknown): string {
  return `#halway=${Buffer.from(JSON.stringify(value)).toString('base64url')}`;
}

describe('explorer safety (Chromium)', function () {
  this.timeout(60_000);
  let browser: TestBrowser;
  let service: RecordedService;
  let page: Page;
  let incidents: PageIncidents;

  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);
  const injected = () =>
    page.evaluate(() => ({
      scripts: document.scripts.length,
      elements: document.querySelectorAll('img, svg, iframe, object, embed, b').length,
      unsafeHrefs: [...document.querySelectorAll('[href], [src]')]
        .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '')
        .filter((url) => !/^(https?:|#|\/_explorer\/)/.test(url)),
    }));

  before(provideChromium);
  before(async () => {
    ensureBundle();
    service = await startHostileService();
    browser = await launchBrowser();
    ({ page, incidents } = await browser.newPage());
  });

  after(async () => {
    await browser?.close();
    await service?.close();
  });

  beforeEach(async () => {
    await page.goto(`${service.url}/hostile`);
    await page.getByRole('heading', { level: 1 }).waitFor();
  });

  it('should show markup from a resource as text, in titles, properties, prompts, options and embedded items', async () => {
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(PAYLOADS.title);
    for (const text of [PAYLOADS.script, PAYLOADS.svg, PAYLOADS.linkTitle, PAYLOADS.embedded])
      expect(await page.getByText(text, { exact: true }).count(), text).to.be.above(0);
    const inject = form(page, 'Hostile');
    expect(await inject.getByLabel(PAYLOADS.prompt).getAttribute('placeholder')).to.equal(
      PAYLOADS.svg,
    );
    expect(await inject.getByLabel('Choice').locator('option').allInnerTexts()).to.include(
      PAYLOADS.option,
    );
    await page
      .locator('details.nested-value')
      .first()
      .evaluate((element) => ((element as HTMLDetailsElement).open = true));
    await page.getByText('Forms, links and properties').click();
    await page.mouse.move(10, 10);
    expect(await pwned()).to.equal(undefined);
    expect(await injected()).to.deep.equal({ scripts: 1, elements: 0, unsafeHrefs: [] });
  });

  it('should show a problem’s markup as text', async () => {
    await form(page, 'Hostile').getByRole('button', { name: 'Send POST' }).click();
    await page.getByText(`Conflict — ${PAYLOADS.detail}`, { exact: false }).first().waitFor();
    expect(await page.getByText(PAYLOADS.detail, { exact: false }).count()).to.be.above(0);
    expect(await pwned()).to.equal(undefined);
    expect(await injected()).to.deep.equal({ scripts: 1, elements: 0, unsafeHrefs: [] });
  });

  it('should never follow javascript: or data: hrefs, however they arrive', async () => {
    const links = page.locator('table.links');
    expect(await links.getByRole('link', { name: 'Evil link' }).count()).to.equal(0);
    expect(
      await links.getByText('not followed: javascript: links are never opened').count(),
    ).to.equal(1);
    expect(await links.getByText('not followed: data: links are never opened').count()).to.equal(1);
    await links.getByText('Evil link').click();

    const jump = page.locator('form.template-link', { hasText: 'Jump' });
    await jump.getByLabel('target').fill("javascript:window.__pwned='template'");
    await jump.getByRole('button', { name: 'Go to Jump' }).click();
    await page.getByRole('status').getByText('Not followed').waitFor();

    await page.getByLabel('URL', { exact: true }).fill("javascript:window.__pwned='address'");
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('status').getByText('Not followed').waitFor();

    await page.getByRole('button', { name: 'Docs for ex:thing' }).click();
    await page.getByText('Not opened: the documentation URL is not an http(s) URL.').waitFor();
    expect(await page.locator('iframe').count()).to.equal(0);

    expect(page.url()).to.equal(`${service.url}/hostile`);
    expect(await pwned()).to.equal(undefined);
  });

  it('should ignore a crafted trail in the fragment and show its labels as text', async () => {
    await page.goto(
      `${service.url}/hostile${fragment({ v: 1, c: 0, h: [{ u: "javascript:window.__pwned='trail'", l: 'x', m: 'GET' }] })}`,
    );
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect((await trailHops(page)).at(-1)!.label).to.equal('open');
    expect(page.url()).to.equal(`${service.url}/hostile`);

    await page.goto(
      `${service.url}/${fragment({ v: 1, c: 0, h: [{ u: `${service.url}/`, l: PAYLOADS.title, m: 'GET' }] })}`,
    );
    await page.getByRole('heading', { level: 1, name: 'Hostile' }).waitFor();
    expect(page.url()).to.equal(`${service.url}/`);
    expect((await trailHops(page)).map((hop) => hop.label)).to.include(PAYLOADS.title);
    expect(await pwned()).to.equal(undefined);
    expect(await injected()).to.deep.equal({ scripts: 1, elements: 0, unsafeHrefs: [] });
  });

  it('should have opened no dialog, run no payload and broken no policy', async () => {
    expect(await pwned()).to.equal(undefined);
    expect(incidents).to.deep.equal({ errors: [], dialogs: [], cspViolations: [] });
  });
});
