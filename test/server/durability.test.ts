import type { RequestListener } from 'node:http';
import { expect } from 'chai';
import {
  createService,
  defineHome,
  problemType,
  type Service,
  type Store,
  type StoredDocument,
} from '@halway/server';
import { startChild, type ChildService } from './support/children.js';
import { listen, type Listening } from './support/listen.js';
import { ENGINES } from './storage/support/engines.js';
import { providePostgres } from '../support/provision.js';

interface Claim {
  prize: string;
  who: string;
  pid: number;
}

interface Answer {
  status: number;
  replayed: boolean;
  type?: string;
}

/** POSTs a claim; a connection that dies with its process answers status 0. */
async function claim(
  base: string,
  prize: string,
  who: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  try {
    const response = await fetch(`${base}/prizes/${prize}/claim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ who }),
      signal: AbortSignal.timeout(20_000),
    });
    const body = (await response.json().catch(() => ({}))) as { type?: string };
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed') === 'true',
      type: body.type,
    };
  } catch {
    return { status: 0, replayed: false };
  }
}

const claimsAtRest = (store: Store, prize: string) =>
  store.read(async (db) => (await db.find<Claim>('claim', { where: { prize } })).items);

const prizeAtRest = (store: Store, prize: string) =>
  store.read((db) => db.get<{ claimedBy?: string }>('prize', prize));

async function seedPrizes(store: Store, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `p${index + 1}`);
  await store.transaction(async (db) => {
    for (const id of ids) await db.insert('prize', {}, { id });
  });
  return ids;
}

/** A peer that records what it is told, once per Idempotency-Key, in its own memory store. */
function recorder(): Service {
  const home = defineHome().action('record', {
    method: 'POST',
    input: {
      type: 'object',
      properties: { prize: { type: 'string' }, who: { type: 'string' } },
      required: ['prize', 'who'],
    },
    handle: async ({ db, input }) => {
      await db.insert('record', input);
    },
  });
  return createService({ resources: [home], logger: false });
}

for (const engine of ENGINES.filter((candidate) => candidate.shared)) {
  describe(`actions on ${engine.name}, across processes and crashes`, function () {
    this.timeout(90_000);
    if (engine.name === 'postgres') before(providePostgres);
    let store: Store;
    let where: string;
    const children: ChildService[] = [];
    const servers: (Listening | Service)[] = [];
    const child = async (notify?: string) => {
      const started = await startChild(where, notify);
      children.push(started);
      return started;
    };

    beforeEach(async () => {
      ({ store, where } = await engine.open());
    });
    afterEach(async () => {
      await Promise.all(children.splice(0).map((running) => running.kill()));
      await Promise.all(servers.splice(0).map((running) => running.close()));
      await store.close();
    });
    after(() => engine.after());

    it('should let exactly one of many concurrent claims through, whichever of three processes gets them', async () => {
      const prizes = await seedPrizes(store, 4);
      const processes = await Promise.all([child(), child(), child()]);
      const attempts = prizes.flatMap((prize) =>
        Array.from({ length: 24 }, (_, index) => {
          const target = processes[index % processes.length] as ChildService;
          return claim(target.url, prize, `c${index}`, { 'Idempotency-Key': `${prize}-${index}` });
        }),
      );
      const answers = await Promise.all(attempts);

      const won = answers.filter((answer) => answer.status >= 200 && answer.status < 300);
      expect(won).to.have.length(prizes.length);
      const lost = answers.filter((answer) => answer.status === 409);
      for (const answer of lost) expect(answer.type).to.equal(problemType('ACTION_NOT_ALLOWED'));
      expect(won.length + lost.length).to.equal(answers.length);
      for (const prize of prizes) {
        const claims = await claimsAtRest(store, prize);
        expect(claims, `claims of ${prize}`).to.have.length(1);
        expect((await prizeAtRest(store, prize))?.claimedBy).to.equal(claims[0]?.who);
      }
    });

    it('should run a request repeated with one key on three processes at most once', async () => {
      const [prize] = (await seedPrizes(store, 1)) as [string];
      const processes = await Promise.all([child(), child(), child()]);
      const answers = await Promise.all(
        Array.from({ length: 18 }, (_, index) =>
          claim((processes[index % 3] as ChildService).url, prize, 'alice', {
            'Idempotency-Key': 'one-key',
          }),
        ),
      );
      const succeeded = answers.filter((answer) => answer.status >= 200 && answer.status < 300);
      const busy = answers.filter((answer) => answer.status === 409);
      expect(succeeded.length).to.be.greaterThan(0);
      expect(succeeded.filter((answer) => !answer.replayed)).to.have.length(1);
      for (const answer of busy)
        expect(answer.type).to.equal(problemType('IDEMPOTENCY_KEY_IN_USE'));
      expect(succeeded.length + busy.length).to.equal(answers.length);
      expect(await claimsAtRest(store, prize)).to.have.length(1);
    });

    it('should leave nothing of an action killed inside its handler, and free its key and lock at once', async () => {
      const [prize] = (await seedPrizes(store, 1)) as [string];
      const doomed = await child('http://127.0.0.1:9/never');
      const other = await child();
      const answer = claim(doomed.url, prize, 'mallory', {
        'Idempotency-Key': 'k-handler',
        'X-Test-Crash': 'handler',
      });
      await doomed.waitingAt('handler');
      await doomed.kill();
      expect((await answer).status).to.equal(0);

      expect(await claimsAtRest(store, prize)).to.have.length(0);
      expect((await prizeAtRest(store, prize))?.claimedBy).to.equal(undefined);
      expect((await store.internals.outbox.stats()).pending).to.equal(0);
      const retried = await claim(other.url, prize, 'mallory', { 'Idempotency-Key': 'k-handler' });
      expect(retried).to.include({ status: 204, replayed: false });
      const again = await claim(other.url, prize, 'mallory', { 'Idempotency-Key': 'k-handler' });
      expect(again).to.include({ status: 204, replayed: true });
      expect(await claimsAtRest(store, prize)).to.have.length(1);
    });

    it('should keep an action that committed before its process died, and replay it to the retry', async () => {
      const [prize] = (await seedPrizes(store, 1)) as [string];
      const doomed = await child();
      const answer = claim(doomed.url, prize, 'bob', {
        'Idempotency-Key': 'k-reply',
        'X-Test-Crash': 'reply',
      });
      await doomed.waitingAt('reply');
      await doomed.kill();
      expect((await answer).status).to.equal(0);
      expect(await claimsAtRest(store, prize)).to.have.length(1);

      const restarted = await child();
      const retried = await claim(restarted.url, prize, 'bob', { 'Idempotency-Key': 'k-reply' });
      expect(retried).to.include({ status: 204, replayed: true });
      const stranger = await claim(restarted.url, prize, 'eve', { 'Idempotency-Key': 'k-eve' });
      expect(stranger).to.include({ status: 409, type: problemType('ACTION_NOT_ALLOWED') });
      expect(await claimsAtRest(store, prize)).to.have.length(1);
    });

    it('should deliver a message whose sender died while sending it, and the peer applies it once', async () => {
      const [prize] = (await seedPrizes(store, 1)) as [string];
      const peer = recorder();
      servers.push(peer);
      const senders: ChildService[] = [];
      let posts = 0;
      // The peer kills the sender when the message arrives, then applies it: the sender never
      // hears that it was delivered, and its lease on the message runs out.
      const killing: RequestListener = (request, response) => {
        if (request.method === 'POST' && ++posts === 1) void senders[0]?.kill();
        (peer as unknown as RequestListener)(request, response);
      };
      const listening = await listen(killing);
      servers.push(listening);
      const sender = await child(`${listening.url}/`);
      senders.push(sender);
      expect(await claim(sender.url, prize, 'carol')).to.include({ status: 204 });
      await sender.exited;

      const restarted = await child(`${listening.url}/`);
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (await store.internals.outbox.stats()).pending > 0) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await store.internals.outbox.stats()).to.include({ pending: 0, failed: 0 });
      expect(posts, 'submissions the peer received').to.be.greaterThan(1);
      const records = await peer.store.read((db) =>
        db.find<StoredDocument<{ prize: string }>>('record'),
      );
      expect(records.items.map((record) => record.prize)).to.deep.equal([prize]);
      expect(restarted.process.exitCode).to.equal(null);
    });
  });
}
