// The coffee shop as HAL tools that are not Halway's see it: HAL Explorer sends every value as a
// string and uses each href and target as it is; Traverson resolves nothing against the document.
// A client that does just that must still get through the whole workflow.
import { expect } from 'chai';
import { startCoffeeShop, type CoffeeShop } from '@halway/example-coffee-shop';

const HAL_FORMS = 'application/prs.hal-forms+json, application/hal+json;q=0.9';

interface Template {
  method: string;
  target?: string;
  properties?: { name: string; value?: unknown; readOnly?: boolean }[];
  'x-idempotency-key'?: { required: boolean; header: string };
}

interface Document {
  _links: Record<string, { href: string } | { href: string }[]>;
  _templates?: Record<string, Template>;
}

/** GET with no base URL: an href that is not absolute fails here, as it does in those tools. */
async function get(href: string, token?: string): Promise<Document> {
  expect(href).to.match(/^http:\/\//);
  const response = await fetch(href, { headers: { Accept: HAL_FORMS, ...bearer(token) } });
  expect(response.status, href).to.equal(200);
  return (await response.json()) as Document;
}

function hrefOf(document: Document, rel: string): string {
  const link = document._links[rel];
  const href = (Array.isArray(link) ? link[0] : link)?.href;
  if (href === undefined) throw new Error(`no ${rel} link`);
  return href;
}

function bearer(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { Authorization: `Bearer ${token}` };
}

/** Submits a template the way HAL Explorer does: prefilled values as the strings they are, as JSON. */
async function submit(
  document: Document,
  name: string,
  typed: Record<string, string> = {},
  token?: string,
) {
  const template = document._templates?.[name];
  if (!template) throw new Error(`no ${name} template`);
  const target = template.target ?? hrefOf(document, 'self');
  expect(target).to.match(/^http:\/\//);
  const body: Record<string, unknown> = {};
  for (const property of template.properties ?? [])
    if (property.value !== undefined) body[property.name] = property.value;
  Object.assign(body, typed);
  for (const value of Object.values(body)) expect(value).to.be.a('string');
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: HAL_FORMS,
    ...bearer(token),
  };
  const key = template['x-idempotency-key'];
  if (key?.required) headers[key.header] = `explorer-${name}-${Date.now()}`;
  const response = await fetch(target, {
    method: template.method,
    headers,
    body: JSON.stringify(body),
  });
  expect(response.status, `${name}: ${await response.clone().text()}`).to.be.within(200, 299);
  return response;
}

async function poll(href: string, until: (document: Document) => boolean): Promise<Document> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const document = await get(href);
    if (until(document)) return document;
    if (Date.now() > deadline) throw new Error(`${href} never got there`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('examples/coffee-shop with HAL tools', () => {
  let shop: CoffeeShop;
  beforeEach(async () => {
    shop = await startCoffeeShop({
      outbox: { interval: 20, minDelay: 5, maxDelay: 50 },
      corsOrigins: ['https://explorer.example'],
    });
  });
  afterEach(() => shop.close());

  it('should run place, pay, start, finish and collect on absolute hrefs, with every value sent as a string', async () => {
    const home = await get(`${shop.urls.orders}/`);
    const placed = await submit(home, 'place-order', {
      drink: 'latte',
      size: 'large',
      quantity: '2',
    });
    const orderUrl = new URL(placed.headers.get('location')!, shop.urls.orders).href;
    const order = await get(orderUrl);
    expect(order).to.deep.nested.include({ quantity: 2 });
    const payment = await get(hrefOf(order, 'payment'));
    // The read-only amount goes back as the string the form gave.
    await submit(payment, 'pay', { 'card-number': '4111111111111111', cardholder: 'Ada' });
    const paid = await poll(orderUrl, (document) => 'cs:ticket' in document._links);
    const ticketUrl = hrefOf(paid, 'cs:ticket');
    // The barista's part, with the staff token (a header HAL Explorer lets one set).
    const ticket = await get(ticketUrl, shop.staffToken);
    await submit(ticket, 'start', {}, shop.staffToken);
    await submit(await get(ticketUrl, shop.staffToken), 'finish', {}, shop.staffToken);
    const ready = await poll(orderUrl, (document) => document._templates?.collect !== undefined);
    await submit(ready, 'collect');
    expect(await get(orderUrl)).to.include({ status: 'completed' });
  });

  it('should document every cs: relation it uses on a page of its own, through curies', async () => {
    const home = await get(`${shop.urls.orders}/`, shop.staffToken);
    const placed = await submit(home, 'place-order', { drink: 'latte' });
    const documents = [
      home,
      await get(hrefOf(home, 'cs:menu')),
      await get(hrefOf(home, 'cs:orders').replace(/\{[^}]*\}/g, ''), shop.staffToken),
      await get(new URL(placed.headers.get('location')!, shop.urls.orders).href),
      await get(`${shop.urls.payments}/`),
      await get(`${shop.urls.kitchen}/`),
    ];
    const seen = new Set<string>();
    for (const document of documents) {
      const rels = Object.keys(document._links).filter((rel) => rel.startsWith('cs:'));
      if (rels.length === 0) continue;
      const curies = document._links.curies as { name: string; href: string; templated: boolean }[];
      expect(curies).to.deep.include({
        name: 'cs',
        href: `${new URL(hrefOf(document, 'self')).origin}/rels/{rel}`,
        templated: true,
      });
      for (const rel of rels) {
        const page = await fetch(curies[0]!.href.replace('{rel}', rel.slice(3)));
        expect(page.status, rel).to.equal(200);
        expect(page.headers.get('content-type')).to.match(/^text\/html/);
        expect(await page.text()).to.include(`<code>${rel}</code>`);
        seen.add(rel);
      }
    }
    expect([...seen]).to.include.members([
      'cs:orders',
      'cs:menu',
      'cs:payment-for',
      'cs:ticket-for',
    ]);
    expect((await fetch(`${shop.urls.orders}/rels/nothing`)).status).to.equal(404);
  });

  it('should let the origins in CORS_ORIGINS call it, with the headers HAL-FORMS clients send', async () => {
    const preflight = await fetch(`${shop.urls.payments}/`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://explorer.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'idempotency-key, if-match, prefer, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(
      'https://explorer.example',
    );
    const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const header of ['idempotency-key', 'if-match', 'prefer'])
      expect(allowed).to.include(header);
    const answer = await fetch(`${shop.urls.orders}/`, {
      headers: { Origin: 'https://explorer.example' },
    });
    const exposed = answer.headers.get('access-control-expose-headers')!.toLowerCase();
    for (const header of ['etag', 'location', 'content-location', 'preference-applied'])
      expect(exposed).to.include(header);
  });
});
