import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { orderAndPay } from './examples/order-and-pay.js';
import { checkout } from './examples/resumable-checkout.js';
import { startRestbucks, type Restbucks } from './support/restbucks.js';
import { capturingLog } from '../support/console.js';

describe('@halway/client README', () => {
  let shop: Restbucks;

  before(async () => {
    shop = await startRestbucks();
  });

  after(() => shop.close());

  it('should order and pay across three services with the quick-start code', async () => {
    const { result, lines } = await capturingLog(() => orderAndPay(shop.entry, '4111111111111111'));
    expect(result.url).to.match(new RegExp(`^${shop.receipts.origin}/receipts/\\d+$`));
    expect(result.properties.total).to.equal(4.5);
    expect(lines[0]).to.match(/ is payment-expected$/);
  });

  it('should resume the checkout from its cursor file, paying once', async () => {
    const cursorFile = join(mkdtempSync(join(tmpdir(), 'halway-readme-')), 'cursor.json');
    const paid = () => [...shop.paid.values()].reduce((sum, count) => sum + count, 0);
    const before = paid();
    const first = await capturingLog(() => checkout(shop.entry, cursorFile));
    expect(first.result.properties.total).to.equal(4.5);
    expect(first.lines).to.have.length(6);
    expect(first.lines[4]).to.match(/^http:\/\/127\.0\.0\.2:\d+ POST pay 201 bypass/);
    shop.clearLogs();
    const again = await capturingLog(() => checkout(shop.entry, cursorFile));
    expect(again.result.url).to.equal(first.result.url);
    expect(paid() - before).to.equal(1);
    expect(shop.payments.log).to.have.length(0);
  });

  it('should show the examples’ code as it is', async () => {
    const readme = await readFile(
      new URL('../../packages/client/README.md', import.meta.url),
      'utf8',
    );
    for (const example of ['order-and-pay.ts', 'resumable-checkout.ts']) {
      const source = await readFile(new URL(`./examples/${example}`, import.meta.url), 'utf8');
      expect(readme).to.include(source.trim());
    }
  });
});
