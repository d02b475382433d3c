import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { createOrders, serveBehindProxy, serveWithTls } from './guides/behind-a-proxy.js';
import { createTasks, openStore } from './guides/shared-tasks.js';

describe('docs/ guides', () => {
  let directory: string;

  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'halway-guides-'));
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  describe('several instances', () => {
    it('should let any instance answer: one state, one idempotency record, one guard', async () => {
      const env = { TASKS_DB: join(directory, 'tasks.db') };
      const [a, b] = [createTasks(openStore(env)), createTasks(openStore(env))];
      try {
        const add = (instance: typeof a) =>
          request(instance)
            .post('/')
            .set('Idempotency-Key', '"add-1"')
            .send({ title: 'Deploy twice' })
            .expect(201);
        const first = await add(a);
        const retried = await add(b);
        expect(retried.headers['idempotent-replayed']).to.equal('true');
        expect(retried.headers.location).to.equal(first.headers.location);
        const task = first.headers.location as string;
        expect((await request(b).get(task).expect(200)).body).to.include({ title: 'Deploy twice' });
        // Behind one public name, as instances behind a load balancer are: links carry the origin.
        const etagFrom = async (instance: typeof a) =>
          (await request(instance).get(task).set('Host', 'tasks.example')).headers.etag;
        expect(await etagFrom(a)).to.equal(await etagFrom(b));
        await request(b).post(`${task}/completion`).expect(204);
        await request(a).post(`${task}/completion`).expect(409);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });

  describe('behind a reverse proxy', () => {
    it('should build absolute URLs from publicUrl, whatever Host says', async () => {
      const app = createOrders('https://shop.example');
      const order = await request(app).get('/orders/7').set('Host', 'evil.example').expect(200);
      expect(order.body.callback).to.equal('https://shop.example/orders/7');
      await app.close();
    });

    it('should believe X-Forwarded-Proto from a proxy on loopback', async () => {
      const app = createOrders(undefined);
      const order = await request(app)
        .get('/orders/7')
        .set('Host', 'shop.example')
        .set('X-Forwarded-Proto', 'https')
        .expect(200);
      expect(order.body.callback).to.equal('https://shop.example/orders/7');
      await app.close();
    });

    it('should listen on loopback only, for the proxy', async () => {
      process.env.PORT = '0';
      const running = await serveBehindProxy().finally(() => delete process.env.PORT);
      try {
        expect(running.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect((await fetch(`${running.url}/orders/7`)).status).to.equal(200);
      } finally {
        await running.close();
      }
    });

    it('should terminate TLS itself when there is no proxy', async () => {
      const [key, cert] = [join(directory, 'key.pem'), join(directory, 'cert.pem')];
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-subj',
          '/CN=localhost',
          '-days',
          '1',
        ],
        { stdio: 'ignore' },
      );
      process.env.PORT = '0';
      const server = await serveWithTls(key, cert).finally(() => delete process.env.PORT);
      try {
        const { port } = server.address() as AddressInfo;
        const body = await new Promise<string>((resolve, reject) => {
          const call = httpsRequest(
            {
              host: 'localhost',
              port,
              path: '/orders/7',
              ca: readFileSync(cert),
              headers: { accept: 'application/json' },
            },
            (response) => {
              let text = '';
              response.on('data', (chunk: Buffer) => (text += chunk.toString()));
              response.on('end', () => resolve(text));
            },
          );
          call.on('error', reject);
          call.end();
        });
        expect(JSON.parse(body)).to.include({ callback: `https://localhost:${port}/orders/7` });
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
