// Malformed requests, generated, at every template of a test service: the request path must be
// total (a 4xx problem for anything a client can get wrong, never a 5xx) and the service must
// keep working afterwards.
import { expect } from 'chai';
import fc from 'fast-check';
import { serve, type RunningService } from '@halway/server';
import {
  expectTotal,
  malformedRequest,
  malformedWire,
  send,
  templatesOf,
  type Target,
  FUZZ_RUNS,
  FUZZ_TIME_LIMIT,
} from './support/fuzz.js';
import { rawExchange } from './support/raw.js';
import { createShop } from './support/shop.js';

// `explode` throws on purpose: it is how the tests check the 500 path (errors.test.ts).
const DELIBERATE_FAILURES = new Set(['explode']);

describe('request path under malformed input (fuzz)', function () {
  this.timeout(FUZZ_TIME_LIMIT * 2 + 30_000);
  let running: RunningService;
  let targets: Target[];

  before(async () => {
    const { app, place } = createShop({ logger: false });
    for (const status of ['payment-expected', 'paid', 'ready', 'completed'] as const)
      place({ status });
    running = await serve(app, { host: '127.0.0.1', signals: false });
    const paths = ['/', '/orders', '/orders/1', '/orders/2', '/orders/3'];
    targets = await templatesOf(
      paths.map((path) => running.url + path),
      DELIBERATE_FAILURES,
    );
    expect(targets.map((target) => target.name)).to.include.members([
      'place-order',
      'find-order',
      'update',
      'pay',
      'cancel',
      'collect',
    ]);
  });

  after(() => running.close());

  it('should answer every malformed request to every template with a 4xx problem or a success, never a 5xx', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        malformedRequest(() => targets),
        async (generated) => {
          const answer = await send(generated);
          seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
          expectTotal(answer, generated.method);
        },
      ),
      { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_LIMIT, endOnFailure: true },
    );
    // The generator reaches past the happy path: several kinds of refusal were seen.
    expect([...seen.keys()].filter((status) => status >= 400).length).to.be.at.least(4);
  });

  it('should answer malformed HTTP (below what clients send) with a problem, and keep serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        malformedWire(() => targets),
        async ({ port, text }) => {
          const answer = await rawExchange(port, text);
          if (answer === '') return; // Node may close a connection it cannot read at all.
          const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
          const [head = '', body = ''] = answer.split('\r\n\r\n', 2);
          expectTotal(
            { status, contentType: /content-type: ([^\r\n]+)/i.exec(head)?.[1], body },
            text.slice(0, text.indexOf(' ')),
          );
        },
      ),
      { numRuns: 150, interruptAfterTimeLimit: 10_000, endOnFailure: true },
    );
    const home = await fetch(`${running.url}/`);
    expect(home.status).to.equal(200);
  });
});
