import { expect } from 'chai';
import request from 'supertest';
import { createService, defineHome, problemType } from '@halway/server';
import { createNotes, TOKENS } from './support/notes.js';

describe('Idempotency-Key', () => {
  it('should replay the stored response to a repeat without running the handler again', async () => {
    const { app, runs, notes } = createNotes();
    const first = await request(app)
      .post('/')
      .set('Idempotency-Key', '"k-1"')
      .send({ text: 'a' })
      .expect(201);
    const second = await request(app)
      .post('/')
      .set('Idempotency-Key', '"k-1"')
      .send({ text: 'a' })
      .expect(201);
    expect(second.headers.location).to.equal(first.headers.location);
    expect(second.headers['idempotent-replayed']).to.equal('true');
    expect(runs.create).to.equal(1);
    expect(notes.size).to.equal(1);
  });

  it('should replay status, headers and body of a representation', async () => {
    const { app, runs } = createNotes();
    const call = () =>
      request(app)
        .post('/')
        .set('Idempotency-Key', 'k-2')
        .set('Prefer', 'return=representation')
        .send({ text: 'b' })
        .expect(201);
    const first = await call();
    const second = await call();
    expect(second.body).to.deep.equal(first.body);
    for (const header of [
      'location',
      'content-location',
      'etag',
      'content-type',
      'preference-applied',
    ]) {
      expect(second.headers[header], header).to.equal(first.headers[header]);
    }
    expect(runs.create).to.equal(1);
  });

  it('should survive a retry storm: one resource, one handler run', async () => {
    const { app, runs, notes } = createNotes();
    const send = () =>
      request(app).post('/').set('Idempotency-Key', 'storm').send({ text: 'once' });
    const wave = await Promise.all(Array.from({ length: 20 }, send));
    const later = await Promise.all(Array.from({ length: 10 }, send));
    const statuses = [...wave, ...later].map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).to.equal(true);
    expect(later.every((response) => response.status === 201)).to.equal(true);
    expect(
      new Set([...wave, ...later].filter((r) => r.status === 201).map((r) => r.headers.location))
        .size,
    ).to.equal(1);
    expect(runs.create).to.equal(1);
    expect(notes.size).to.equal(1);
  });

  it('should answer 422 to the same key with another payload', async () => {
    const { app, runs } = createNotes();
    await request(app).post('/').set('Idempotency-Key', 'k-3').send({ text: 'one' }).expect(201);
    const response = await request(app)
      .post('/')
      .set('Idempotency-Key', 'k-3')
      .send({ text: 'two' })
      .expect(422);
    expect(response).to.be.problem({ type: problemType('IDEMPOTENCY_KEY_REUSED') });
    expect(runs.create).to.equal(1);
  });

  it('should make a repeat wait while the first is still running, then replay it', async () => {
    const { app, add, runs, releaseSlow } = createNotes();
    const note = add();
    const send = () =>
      request(app)
        .post(`/notes/${note.id}/slow`)
        .set('Idempotency-Key', 'k-4')
        .then((response) => response);
    const first = send();
    await new Promise((resolve) => setTimeout(resolve, 30));
    let answered = false;
    const second = send().then((response) => {
      answered = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The memory store runs one transaction at a time: the repeat waits for the first to commit.
    expect(answered).to.equal(false);
    releaseSlow();
    expect((await first).status).to.equal(204);
    const replayed = await second;
    expect(replayed.status).to.equal(204);
    expect(replayed.headers['idempotent-replayed']).to.equal('true');
    expect(runs.slow).to.equal(1);
  });

  it('should answer 400 when an action requires a key and none is sent', async () => {
    const { app } = createNotes();
    const strict = createService({
      resources: [
        defineHome().action('transfer', {
          method: 'POST',
          requireIdempotencyKey: true,
          handle: () => undefined,
        }),
      ],
    });
    expect(await request(strict).post('/').expect(400)).to.be.problem({
      type: problemType('IDEMPOTENCY_KEY_MISSING'),
    });
    await request(strict).post('/').set('Idempotency-Key', 'x').expect(204);
    await request(app).post('/').send({ text: 'keys are optional here' }).expect(201);
  });

  it('should refuse a malformed key', async () => {
    const { app } = createNotes();
    await request(app)
      .post('/')
      .set('Idempotency-Key', 'has space')
      .send({ text: 'x' })
      .expect(400);
  });

  it('should scope keys by caller', async () => {
    const { app, runs } = createNotes();
    await request(app)
      .post('/')
      .set('Idempotency-Key', 'shared')
      .set('Authorization', `Bearer ${TOKENS.editor}`)
      .send({ text: 'a' })
      .expect(201);
    await request(app)
      .post('/')
      .set('Idempotency-Key', 'shared')
      .set('Authorization', `Bearer ${TOKENS.reader}`)
      .send({ text: 'b' })
      .expect(201);
    expect(runs.create).to.equal(2);
  });

  it('should not keep the key when the request failed before the handler ran, or crashed', async () => {
    const { app, add, runs } = createNotes();
    const note = add();
    await request(app)
      .post(`/notes/${note.id}/lines`)
      .set('Idempotency-Key', 'k-5')
      .send({})
      .expect(422);
    await request(app)
      .post(`/notes/${note.id}/lines`)
      .set('Idempotency-Key', 'k-5')
      .send({})
      .expect(422);
    await request(app).post(`/notes/${note.id}/fail`).set('Idempotency-Key', 'k-6').expect(500);
    const problem = await request(app)
      .post(`/notes/${note.id}/fail`)
      .set('Idempotency-Key', 'k-6')
      .expect(409);
    await request(app).post(`/notes/${note.id}/fail`).set('Idempotency-Key', 'k-6').expect(409);
    expect(problem.body.detail).to.equal('refused on purpose');
    expect(runs.fail).to.equal(2);
  });

  it('should forget keys after the ttl', async () => {
    const { app, runs } = createNotes({ idempotency: { ttl: 150 } });
    await request(app).post('/').set('Idempotency-Key', 'k-7').send({ text: 'a' }).expect(201);
    await request(app).post('/').set('Idempotency-Key', 'k-7').send({ text: 'a' }).expect(201);
    expect(runs.create).to.equal(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await request(app).post('/').set('Idempotency-Key', 'k-7').send({ text: 'a' }).expect(201);
    expect(runs.create).to.equal(2);
  });
});
