import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '@halway/example-hello';
import { createSqliteStore, problemType } from '@halway/server';

describe('examples/hello', () => {
  it('should add a task, complete it once, and then no longer offer completion', async () => {
    const app = createApp();
    const home = await request(app).get('/').expect(200);
    expect(home).to.have.halTemplate('add-task', {
      method: 'POST',
      properties: { title: { required: true, minLength: 1, maxLength: 80 } },
    });
    const added = await request(app).post('/').send({ title: 'Write the README' }).expect(201);
    const task = await request(app)
      .get(added.headers.location as string)
      .expect(200);
    expect(task.body).to.include({ title: 'Write the README', done: false });
    expect(task).to.have.halTemplate('complete', { method: 'POST' });
    await request(app)
      .post(`${added.headers.location as string}/completion`)
      .expect(204);
    const done = await request(app)
      .get(added.headers.location as string)
      .expect(200);
    expect(done.body.done).to.equal(true);
    expect(done).not.to.have.halTemplate('complete');
    const again = await request(app)
      .post(`${added.headers.location as string}/completion`)
      .expect(409);
    expect(again).to.be.problem({ type: problemType('ACTION_NOT_ALLOWED') });
    expect(await request(app).post('/').send({ title: '' }).expect(422)).to.be.problem({
      fields: ['title'],
    });
  });

  it('should keep its tasks in a SQLite file across a restart, with ids never reused', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'halway-hello-'));
    try {
      const file = join(directory, 'tasks.db');
      const first = createApp(createSqliteStore({ file }));
      const added = await request(first).post('/').send({ title: 'Survive' }).expect(201);
      await first.close();

      const second = createApp(createSqliteStore({ file }));
      const location = added.headers.location as string;
      expect((await request(second).get(location).expect(200)).body.title).to.equal('Survive');
      const next = await request(second).post('/').send({ title: 'Another' }).expect(201);
      expect(next.headers.location).to.not.equal(location);
      await second.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('should serve the explorer to a browser and HAL to programs, from the same URL', async () => {
    const app = createApp();
    const page = await request(app).get('/').set('Accept', 'text/html').expect(200);
    expect(page.headers['content-type']).to.match(/^text\/html/);
    expect(page.text).to.match(/<script[^>]+\/_explorer\//);
    const hal = await request(app).get('/').set('Accept', 'application/hal+json').expect(200);
    expect(hal.headers['content-type']).to.match(/^application\/(prs\.hal-forms|hal)\+json/);
  });

  it('should say in one line that its port is taken, and which variable changes it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'halway-hello-port-'));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, () => resolve()));
    try {
      const { port } = blocker.address() as { port: number };
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          ['--conditions=halway-source', '--import', 'tsx', 'examples/hello/src/main.ts'],
          {
            env: { ...process.env, PORT: String(port), TASKS_DB: join(directory, 'tasks.db') },
            timeout: 20_000,
          },
          (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
        );
      });
      expect(run.code).to.equal(1);
      expect(run.stderr.trim().split('\n')).to.have.length(1);
      expect(run.stderr).to.match(new RegExp(`port ${port} is already in use.*set PORT`));
    } finally {
      blocker.close();
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('should be the code the README shows', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const source = await readFile(
      new URL('../../examples/hello/src/app.ts', import.meta.url),
      'utf8',
    );
    expect(readme).to.include(source.trim());
  });
});
