import { expect } from 'chai';
import request from 'supertest';
import {
  apiKeyAuthentication,
  anyAuthentication,
  bearerAuthentication,
  createService,
  defineCollection,
  defineHome,
  defineResource,
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

describe('who may read a resource', () => {
  const staffOnly = () => {
    const item = defineResource('/secrets/:id', {
      load: ({ params }) => ({ id: params.id }),
      params: (state: { id: string }) => ({ id: state.id }),
    });
    const secrets = defineCollection('/secrets', {
      item,
      allow: (caller) => caller?.roles?.includes('staff') === true,
      list: () => ({ items: [{ id: '1' }], total: 1 }),
    });
    return createService({
      resources: [defineHome({ links: { secrets } }), secrets, item],
      authentication: bearerAuthentication({
        'staff-token': { id: 'sam', roles: ['staff'] },
        'guest-token': { id: 'gus', roles: [] },
      }),
      logger: false,
    });
  };

  it('should refuse to read it with 401 to anonymous callers and 403 to others, and let those allowed read it', async () => {
    const app = staffOnly();
    expect(await request(app).get('/secrets').expect(401)).to.be.problem({
      type: problemType('UNAUTHORIZED'),
    });
    expect(
      await request(app).get('/secrets').set('Authorization', 'Bearer guest-token').expect(403),
    ).to.be.problem({ type: problemType('FORBIDDEN') });
    const staff = await request(app)
      .get('/secrets')
      .set('Authorization', 'Bearer staff-token')
      .expect(200);
    expect(staff.body._embedded.item).to.have.length(1);
  });

  it('should link to it from the home document only for callers who may read it', async () => {
    const app = staffOnly();
    expect(await request(app).get('/')).not.to.have.halLink('secrets');
    expect(
      await request(app).get('/').set('Authorization', 'Bearer guest-token'),
    ).not.to.have.halLink('secrets');
    expect(await request(app).get('/').set('Authorization', 'Bearer staff-token')).to.have.halLink(
      'secrets',
    );
  });
});
