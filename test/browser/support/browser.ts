// One Chromium per test file (CHROMIUM_PATH, Debian's /usr/bin/chromium, or installed: see
// scripts/provision.js) driven by playwright-core, with a fresh
// temporary profile (playwright-core makes one per launch), no network beyond loopback, and every page error, dialog and CSP report collected.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from '../../support/provision.js';

export { provideChromium } from '../../support/provision.js';

/** What went wrong in a page without failing an action: errors, dialogs, policy violations. */
export interface PageIncidents {
  errors: string[];
  dialogs: string[];
  cspViolations: string[];
}

export interface TestBrowser {
  browser: Browser;
  /** A new page in its own context (own sessionStorage), with incidents collected. */
  newPage(options?: { bypassCSP?: boolean; colorScheme?: 'light' | 'dark' }): Promise<{
    page: Page;
    context: BrowserContext;
    incidents: PageIncidents;
  }>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        bypassCSP: options.bypassCSP ?? false,
        colorScheme: options.colorScheme ?? 'light',
        viewport: { width: 1280, height: 900 },
      });
      contexts.push(context);
      const page = await context.newPage();
      const incidents: PageIncidents = { errors: [], dialogs: [], cspViolations: [] };
      page.on('pageerror', (error) => incidents.errors.push(error.message));
      page.on('dialog', (dialog) => {
        incidents.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on('console', (message) => {
        const text = message.text();
        if (/Content Security Policy|Trusted Type/i.test(text)) incidents.cspViolations.push(text);
        else if (message.type() === 'error' && !/Failed to load resource/.test(text))
          incidents.errors.push(text);
      });
      return { page, context, incidents };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}
