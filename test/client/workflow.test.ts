import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import {
  LinkNotFoundError,
  createClient,
  type Clock,
  type WorkflowCursor,
  type WorkflowStep,
} from '@halway/client';
import { ORDER_AND_PAY, startRestbucks, type Restbucks } from './support/restbucks.js';

const CHILD = fileURLToPath(new URL('./support/workflow-child.ts', import.meta.url));

/** Runs the workflow in a child process; resolves with how the process ended. */
function runChild(entry: string, cursorFile: string, onSpawn: (pid: number) => void) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--conditions=halway-source', '--import', 'tsx', CHILD, entry, cursorFile],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('spawn', () => onSpawn(child.pid!));
      child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
    },
  );
}

describe('HalwayClient.run()', () => {
  let shop: Restbucks;

  before(async () => {
    shop = await startRestbucks();
  });

  after(() => shop.close());

  beforeEach(() => {
    shop.clearLogs();
    shop.honourPrefer = true;
  });

  const requestCount = () =>
    shop.orders.log.length + shop.payments.log.length + shop.receipts.log.length;

  it('should walk a workflow across three services at one round trip per step', async () => {
    const client = createClient();
    const cursors: WorkflowCursor[] = [];
    const perStep: number[] = [];
    let before = 0;
    const { state, cursor, trace } = await client.run(shop.entry, ORDER_AND_PAY, {
      onCursor: (saved) => {
        cursors.push(saved);
        if (!saved.pending) {
          perStep.push(requestCount() - before);
          before = requestCount();
        }
      },
    });

    expect(state.url).to.match(new RegExp(`^${shop.receipts.origin}/receipts/\\d+$`));
    expect(state.properties.total).to.equal(4.5);
    // The first step also loads the entry; every other step is a single request.
    expect(perStep).to.deep.equal([2, 1, 1, 1, 1]);
    expect(trace.map((hop) => [hop.origin, hop.method, hop.rel ?? hop.template])).to.deep.equal([
      [shop.orders.origin, 'GET', undefined],
      [shop.orders.origin, 'GET', 'orders'],
      [shop.orders.origin, 'POST', 'create'],
      [shop.payments.origin, 'GET', 'payment'],
      [shop.payments.origin, 'POST', 'pay'],
      [shop.receipts.origin, 'GET', 'receipt'],
    ]);
    expect(cursor).to.include({ done: true, next: 5, url: state.url });
    expect(JSON.parse(JSON.stringify(cursors))).to.deep.equal(cursors);
    const beforePay = cursors.find((saved) => saved.pending?.template === 'pay');
    expect(beforePay?.next).to.equal(3);
    expect(`"${beforePay?.pending?.idempotencyKey}"`).to.equal(
      shop.payments.log.find((entry) => entry.method === 'POST')?.headers['idempotency-key'],
    );
  });

  it('should cost a second request per submission when the server ignores Prefer', async () => {
    shop.honourPrefer = false;
    const client = createClient();
    const { trace } = await client.run(shop.entry, ORDER_AND_PAY);
    expect(trace.map((hop) => hop.method)).to.deep.equal([
      'GET',
      'GET',
      'POST',
      'GET',
      'GET',
      'POST',
      'GET',
      'GET',
    ]);
  });

  it('should resume a workflow killed after a submission whose response was lost, applying it once', async () => {
    const cursorFile = join(mkdtempSync(join(tmpdir(), 'halway-')), 'cursor.json');
    const paidBefore = [...shop.paid.values()].reduce((sum, count) => sum + count, 0);
    const ended = await runChild(shop.entry, cursorFile, (pid) => {
      shop.killOnPay = pid;
    });
    expect(ended.signal, ended.stderr).to.equal('SIGKILL');
    expect(existsSync(`${cursorFile}.finished`)).to.equal(false);

    const saved = JSON.parse(readFileSync(cursorFile, 'utf8')) as WorkflowCursor;
    expect(saved.next).to.equal(3);
    expect(saved.pending?.template).to.equal('pay');
    const orderId = Number(saved.url.split('/').pop());

    const client = createClient();
    const { state, cursor } = await client.run(shop.entry, ORDER_AND_PAY, { cursor: saved });
    expect(cursor.done).to.equal(true);
    expect(state.properties.order).to.equal(orderId);
    expect(shop.paid.get(orderId)).to.equal(1);
    const paidAfter = [...shop.paid.values()].reduce((sum, count) => sum + count, 0);
    expect(paidAfter - paidBefore).to.equal(1);
    const posts = shop.payments.log.filter((entry) => entry.method === 'POST');
    expect(posts).to.have.length(2);
    expect(posts.map((entry) => entry.headers['idempotency-key'])).to.deep.equal([
      `"${saved.pending?.idempotencyKey}"`,
      `"${saved.pending?.idempotencyKey}"`,
    ]);
    // Resuming started from the pending submission: nothing before it ran again.
    expect(shop.orders.log.filter((entry) => entry.method === 'POST')).to.have.length(1);
  });

  it('should resume from a cursor without pending work by loading where it was', async () => {
    const client = createClient();
    const cursors: WorkflowCursor[] = [];
    await client.run(shop.entry, ORDER_AND_PAY.slice(0, 3), {
      onCursor: (c) => void cursors.push(c),
    });
    const afterCreate = cursors.find((c) => c.next === 2 && !c.pending)!;
    shop.clearLogs();
    const steps: WorkflowStep[] = [...ORDER_AND_PAY.slice(0, 2), { follow: 'self' }];
    const { state } = await createClient().run(shop.entry, steps, { cursor: afterCreate });
    expect(state.url).to.equal(afterCreate.url);
    expect(shop.orders.log.map((entry) => entry.method)).to.deep.equal(['GET', 'GET']);
  });

  it('should submit the default template with values computed from the current state', async () => {
    const client = createClient();
    const { state } = await client.run(shop.entry, [
      { follow: 'orders' },
      {
        submit: true,
        values: (current) => ({ drink: current.has('self') ? 'espresso' : 'latte' }),
      },
    ]);
    expect(state.properties).to.include({ drink: 'espresso', status: 'payment-expected' });
  });

  it('should poll with conditional requests until a link appears', async () => {
    const sleeps: number[] = [];
    const clock: Clock = { now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) };
    const client = createClient({ clock });
    const cursors: WorkflowCursor[] = [];
    await client.run(shop.entry, ORDER_AND_PAY.slice(0, 4), {
      onCursor: (c) => void cursors.push(c),
    });
    const orderUrl = cursors.find((c) => c.next === 2 && !c.pending)!.url;

    const { state, trace } = await client.run(orderUrl, [
      { waitFor: 'receipt', interval: 250 },
      { follow: 'receipt' },
    ]);
    expect(state.url).to.match(/\/receipts\/\d+$/);
    expect(sleeps).to.deep.equal([250, 250]);
    const polls = trace.filter((hop) => hop.url === orderUrl);
    expect(polls.map((hop) => hop.cache)).to.deep.equal(['miss', 'revalidated', 'miss']);
    const sent = shop.orders.requests('GET', new URL(orderUrl).pathname);
    expect(sent.slice(-2).every((entry) => entry.headers['if-none-match'] !== undefined)).to.equal(
      true,
    );
  });

  it('should give up waiting after the allowed polls with a LinkNotFoundError', async () => {
    const clock: Clock = { now: () => Date.now(), sleep: async () => undefined };
    const client = createClient({ clock });
    let caught: unknown;
    try {
      await client.run(shop.entry, [
        ...ORDER_AND_PAY.slice(0, 2),
        { waitFor: 'receipt', attempts: 2 },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(LinkNotFoundError);
  });

  it('should refuse a cursor from another workflow or one that is not a cursor', async () => {
    const client = createClient();
    const foreign = { version: 1, entry: 'http://elsewhere.test/', url: 'x', next: 0, done: false };
    for (const cursor of [foreign, { version: 2 }, null]) {
      let caught: unknown;
      try {
        await client.run(shop.entry, ORDER_AND_PAY, { cursor: cursor as WorkflowCursor });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(TypeError);
    }
    expect(requestCount()).to.equal(0);
  });
});
