import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '@halway/example-hello';
import { problemType } from '@halway/server';

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

  it('should be the code the README shows', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const source = await readFile(
      new URL('../../examples/hello/src/app.ts', import.meta.url),
      'utf8',
    );
    expect(readme).to.include(source.trim());
  });
});
