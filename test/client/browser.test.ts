import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { build } from 'esbuild';
import type { NextFunction, Request, Response } from 'express';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath, provideChromium } from '../support/provision.js';
import { sendHal, startService, type TestService } from './support/service.js';

const ENTRY = fileURLToPath(new URL('../../packages/client/src/index.ts', import.meta.url));

/** The CORS a browser needs to call a service from another origin with the client's headers. */
function cors(allowed: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.set({
      'access-control-allow-origin': allowed,
      'access-control-allow-headers':
        'accept, authorization, content-type, idempotency-key, prefer, if-match, if-none-match',
      'access-control-allow-methods': 'GET, POST',
      'access-control-expose-headers': 'etag, location, content-location, preference-applied, link',
    });
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  };
}

describe('@halway/client in a browser', () => {
  let orders: TestService;
  let payments: TestService;
  let browser: Browser;

  before(provideChromium);
  before(async () => {
    const bundle = await build({
      entryPoints: [ENTRY],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['halway-source'],
      write: false,
    });
    [orders, payments] = await Promise.all([startService('127.0.0.1'), startService('127.0.0.2')]);
    orders.app.get('/client.js', (_req, res) => {
      res.type('text/javascript').send(bundle.outputFiles[0]!.text);
    });
    // The page is a small browser app: it runs the scenario and leaves the outcome on window.
    orders.app.get('/page', (_req, res) => {
      res.type('html').send(`<!doctype html><title>client</title>
<script type="module">
  import { bearerAuth, createClient, InvalidFormError } from '/client.js';
  const hops = [];
  const client = createClient({ onHop: (hop) => hops.push(hop.origin + ' ' + hop.cache) });
  client.use(bearerAuth('payments-token'), { origin: '${payments.origin}' });
  try {
    const pay = await client.go('${orders.url('/orders/1')}').follow('payment').form('pay');
    let invalid = '';
    try {
      await pay.submit({ amount: 0 });
    } catch (error) {
      if (error instanceof InvalidFormError) invalid = error.errors[0].constraint;
    }
    const receipt = await pay.submit({ amount: 5 });
    await client.go('${orders.url('/orders/1')}').get();
    window.outcome = { invalid, paid: receipt.properties.paid, receiptUrl: receipt.url, hops };
  } catch (error) {
    window.outcome = { error: String(error) };
  }
</script>`);
    });
    orders.app.get('/orders/1', (req, res) =>
      sendHal(
        req,
        res,
        {
          _links: { self: { href: '/orders/1' }, payment: { href: payments.url('/payments/1') } },
          status: 'payment-expected',
        },
        { cacheControl: 'max-age=60' },
      ),
    );
    payments.app.use(cors(orders.origin));
    payments.app.get('/payments/1', (req, res) =>
      sendHal(req, res, {
        _links: { self: { href: '/payments/1' } },
        _templates: {
          pay: {
            method: 'POST',
            properties: [{ name: 'amount', type: 'number', required: true, min: 1 }],
          },
        },
      }),
    );
    payments.app.post('/payments/1', (req, res) =>
      sendHal(
        req,
        res,
        { _links: { self: { href: '/payments/1/receipt' } }, paid: req.body.amount },
        {
          status: 201,
          headers: {
            location: '/payments/1/receipt',
            'content-location': '/payments/1/receipt',
            'preference-applied': 'return=representation',
          },
        },
      ),
    );
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--no-proxy-server',
        '--disable-background-networking',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await Promise.all([orders, payments].map((service) => service.close()));
  });

  it('should follow, validate, submit and cache with only the browser’s own APIs', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(orders.url('/page'));
    await page.waitForFunction('window.outcome !== undefined');
    const result: unknown = await page.evaluate('window.outcome');
    expect(errors).to.deep.equal([]);
    expect(result).to.deep.equal({
      invalid: 'min',
      paid: 5,
      receiptUrl: payments.url('/payments/1/receipt'),
      hops: [
        `${orders.origin} miss`,
        `${payments.origin} miss`,
        `${payments.origin} bypass`,
        `${orders.origin} hit`,
      ],
    });
    const [post] = payments.requests('POST', '/payments/1');
    expect(post?.headers.authorization).to.equal('Bearer payments-token');
    expect(post?.headers['idempotency-key']).to.match(/^"[0-9a-f-]{36}"$/);
    expect(post?.headers.prefer).to.equal('return=representation');
    for (const entry of orders.log) expect(entry.headers.authorization).to.equal(undefined);
    await page.close();
  });
});
