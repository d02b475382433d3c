import { expect } from 'chai';
import request from 'supertest';
import {
  apiKeyAuthentication,
  anyAuthentication,
  createService,
  defineHome,
  problemType,
} from '@halway/server';
import { createNotes, TOKENS } from './support/notes.js';

describe('who may take an action', () => {
  it('should show the template only to callers allowed to use it', async () => {
    const { app, add } = createNotes();
    const note = add();
    expect(await request(app).get(`/notes/${note.id}`)).not.to.have.halTemplate('archive');
    expect(
      await request(app).get(`/notes/${note.id}`).set('Authorization', `Bearer ${TOKENS.reader}`),
    ).not.to.have.halTemplate('archive');
    expect(
      await request(app).get(`/notes/${note.id}`).set('Authorization', `Bearer ${TOKENS.editor}`),
    ).to.have.halTemplate('archive');
  });

  it('should refuse anonymous callers with 401 and a challenge, and others with 403', async () => {
    const { app, add } = createNotes();
    const note = add();
    const anonymous = await request(app).post(`/notes/${note.id}/archive`).expect(401);
    expect(anonymous).to.be.problem({ status: 401, type: problemType('UNAUTHORIZED') });
    expect(anonymous.headers['www-authenticate']).to.equal('Bearer realm="halway"');
    const reader = await request(app)
      .post(`/notes/${note.id}/archive`)
      .set('Authorization', `Bearer ${TOKENS.reader}`)
      .expect(403);
    expect(reader).to.be.problem({ status: 403, type: problemType('FORBIDDEN') });
    const wrong = await request(app)
      .post(`/notes/${note.id}/archive`)
      .set('Authorization', 'Bearer not-a-token')
      .expect(401);
    expect(wrong).to.be.problem({ status: 401 });
    expect(note.archived).to.equal(false);
    await request(app)
      .post(`/notes/${note.id}/archive`)
      .set('Authorization', `Bearer ${TOKENS.editor}`)
      .expect(204);
    expect(note.archived).to.equal(true);
  });

  it('should leave forbidden actions out of Allow and out of the 409 list', async () => {
    const { app, add } = createNotes();
    const note = add();
    const anonymous = await request(app).options(`/notes/${note.id}/archive`).expect(204);
    expect(anonymous.headers.allow).to.equal('OPTIONS');
    const editor = await request(app)
      .options(`/notes/${note.id}/archive`)
      .set('Authorization', `Bearer ${TOKENS.editor}`)
      .expect(204);
    expect(editor.headers.allow).to.equal('POST, OPTIONS');
  });

  it('should make representations vary by credentials', async () => {
    const { app, add } = createNotes();
    const note = add();
    const response = await request(app).get(`/notes/${note.id}`);
    expect(response.headers.vary).to.equal('Accept, Authorization');
    const editor = await request(app)
      .get(`/notes/${note.id}`)
      .set('Authorization', `Bearer ${TOKENS.editor}`);
    expect(editor.headers.etag).not.to.equal(response.headers.etag);
  });

  it('should combine authentications, e.g. API keys and bearer tokens', async () => {
    const auth = anyAuthentication(apiKeyAuthentication({ 'key-1': { id: 'app' } }));
    const app = createService({
      authentication: auth,
      resources: [
        defineHome().action('ping', {
          method: 'POST',
          allow: (caller) => caller?.id === 'app',
          handle: () => undefined,
        }),
      ],
    });
    await request(app).post('/').expect(401);
    await request(app).post('/').set('X-Api-Key', 'key-2').expect(401);
    await request(app).post('/').set('X-Api-Key', 'key-1').expect(204);
  });
});
