import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createService,
  createSqliteStore,
  defineHome,
  defineResource,
  serve,
} from '@halway/server';

describe('serve', () => {
  function slowService(release: Promise<void>) {
    const slow = defineResource('/slow', {
      load: async () => {
        await release;
        return { done: true };
      },
      properties: (state) => state,
    });
    return createService({ resources: [defineHome(), slow] });
  }

  it('should warn that a service on the memory store loses its data, and not one on SQLite', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'halway-serve-'));
    try {
      const warnings: string[] = [];
      const logger = { info() {}, error() {}, warn: (message: string) => warnings.push(message) };
      for (const store of [undefined, createSqliteStore({ file: join(directory, 'a.db') })]) {
        const app = createService({ resources: [defineHome()], store, logger: false });
        await (await serve(app, { host: '127.0.0.1', signals: false, logger })).close();
      }
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/^keeping data in memory/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('should listen on a free port and report its URL', async () => {
    const running = await serve(createService({ resources: [defineHome({ title: 'x' })] }), {
      host: '127.0.0.1',
      signals: false,
    });
    try {
      expect(running.url).to.equal(`http://127.0.0.1:${running.port}`);
      const response = await fetch(`${running.url}/`);
      expect(response.status).to.equal(200);
    } finally {
      await running.close();
    }
  });

  it('should let a request in flight finish when shutting down, and refuse new connections', async () => {
    let finish!: () => void;
    const release = new Promise<void>((resolve) => (finish = resolve));
    const running = await serve(slowService(release), { host: '127.0.0.1', signals: false });
    const inFlight = fetch(`${running.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = running.close();
    let closedEarly = false;
    void closed.then(() => (closedEarly = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedEarly).to.equal(false);
    finish();
    const response = await inFlight;
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.include({ done: true });
    await closed;
    let refused = false;
    await fetch(`${running.url}/`).catch(() => (refused = true));
    expect(refused).to.equal(true);
  });

  it('should shut down on SIGTERM', async () => {
    const running = await serve(createService({ resources: [defineHome()] }), {
      host: '127.0.0.1',
      signals: ['SIGUSR2'],
    });
    const closed = new Promise<void>((resolve) => running.server.once('close', resolve));
    process.emit('SIGUSR2', 'SIGUSR2');
    await closed;
    expect(running.server.listening).to.equal(false);
    expect(process.listenerCount('SIGUSR2')).to.equal(0);
  });
});
