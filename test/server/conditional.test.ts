import { expect } from 'chai';
import request from 'supertest';
import { problemType } from '@halway/server';
import { createNotes } from './support/notes.js';
import { createShop } from './support/shop.js';

// Links are absolute, from the request's Host, and each supertest request has a port of its own:
// a fixed Host keeps a representation, and its ETag, the same from one request to the next.
const HOST = 'shop.test';

describe('conditional requests', () => {
  describe('ETag and If-None-Match', () => {
    it('should give every GET an ETag and answer 304 without a body while it holds', async () => {
      const { app, add } = createNotes();
      const note = add();
      const first = await request(app).get(`/notes/${note.id}`).set('Host', HOST).expect(200);
      const etag = first.headers.etag as string;
      expect(etag).to.match(/^"1:[\w-]+"$/);
      const again = await request(app)
        .get(`/notes/${note.id}`)
        .set('Host', HOST)
        .set('If-None-Match', etag)
        .expect(304);
      expect(again.text).to.equal('');
      expect(again.headers.etag).to.equal(etag);
      note.text = 'changed';
      note.version++;
      const changed = await request(app)
        .get(`/notes/${note.id}`)
        .set('Host', HOST)
        .set('If-None-Match', etag)
        .expect(200);
      expect(changed.headers.etag).to.match(/^"2:/);
    });

    it('should hash the representation when the resource has no version', async () => {
      const { app, place } = createShop();
      const order = place();
      const first = await request(app).get(`/orders/${order.id}`).set('Host', HOST).expect(200);
      await request(app)
        .get(`/orders/${order.id}`)
        .set('Host', HOST)
        .set('If-None-Match', first.headers.etag as string)
        .expect(304);
      order.quantity = 2;
      await request(app)
        .get(`/orders/${order.id}`)
        .set('Host', HOST)
        .set('If-None-Match', first.headers.etag as string)
        .expect(200);
    });

    it('should give each representation its own ETag', async () => {
      const { app, add } = createNotes();
      const note = add();
      const forms = await request(app).get(`/notes/${note.id}`);
      const hal = await request(app).get(`/notes/${note.id}`).set('Accept', 'application/hal+json');
      expect(forms.headers.etag).not.to.equal(hal.headers.etag);
      await request(app)
        .get(`/notes/${note.id}`)
        .set('Accept', 'application/hal+json')
        .set('If-None-Match', forms.headers.etag as string)
        .expect(200);
    });
  });

  describe('If-Match', () => {
    it('should let exactly one of two clients that saw the same state win', async () => {
      const { app, add, notes } = createNotes();
      const note = add('v1');
      const etag = (await request(app).get(`/notes/${note.id}`)).headers.etag as string;
      const [a, b] = await Promise.all([
        request(app).put(`/notes/${note.id}`).set('If-Match', etag).send({ text: 'from A' }),
        request(app).put(`/notes/${note.id}`).set('If-Match', etag).send({ text: 'from B' }),
      ]);
      expect([a.status, b.status].sort()).to.deep.equal([204, 412]);
      const loser = a.status === 412 ? a : b;
      expect(loser).to.be.problem({ status: 412, type: problemType('PRECONDITION_FAILED') });
      expect(loser.headers.etag).to.match(/^"2:/);
      expect(loser.body.etag).to.equal(loser.headers.etag);
      expect(notes.get(note.id)?.text).to.equal(a.status === 204 ? 'from A' : 'from B');
    });

    it('should match a tag from another representation of the same state, and *', async () => {
      const { app, add } = createNotes();
      const note = add();
      const hal = (
        await request(app).get(`/notes/${note.id}`).set('Accept', 'application/hal+json')
      ).headers.etag as string;
      await request(app)
        .put(`/notes/${note.id}`)
        .set('If-Match', hal)
        .send({ text: 'ok' })
        .expect(204);
      await request(app)
        .put(`/notes/${note.id}`)
        .set('If-Match', '*')
        .send({ text: 'ok again' })
        .expect(204);
    });

    it('should never match a weak tag', async () => {
      const { app, add } = createNotes();
      const note = add();
      const etag = (await request(app).get(`/notes/${note.id}`)).headers.etag as string;
      await request(app)
        .put(`/notes/${note.id}`)
        .set('If-Match', `W/${etag}`)
        .send({ text: 'x' })
        .expect(412);
    });

    it('should honour If-Match on actions that do not require it', async () => {
      const { app, place } = createShop();
      const order = place();
      const etag = (await request(app).get(`/orders/${order.id}`)).headers.etag as string;
      await request(app)
        .patch(`/orders/${order.id}`)
        .set('If-Match', etag)
        .send({ quantity: 2 })
        .expect(204);
      await request(app)
        .patch(`/orders/${order.id}`)
        .set('If-Match', etag)
        .send({ quantity: 3 })
        .expect(412);
      expect(order.quantity).to.equal(2);
    });

    it('should answer 428 when an action requires If-Match and it is missing', async () => {
      const { app, add } = createNotes();
      const note = add();
      const response = await request(app)
        .put(`/notes/${note.id}`)
        .send({ text: 'blind write' })
        .expect(428);
      expect(response).to.be.problem({ status: 428, type: problemType('PRECONDITION_REQUIRED') });
      expect(note.text).to.equal('hello');
    });

    it('should advertise the requirement with a precondition-req hint on self', async () => {
      const { app, add } = createNotes();
      const note = add();
      const response = await request(app).get(`/notes/${note.id}`).set('Host', HOST);
      expect(response.body._links.self).to.deep.equal({
        href: `http://${HOST}/notes/${note.id}`,
        hints: { 'precondition-req': ['etag'] },
      });
      note.archived = true;
      const archived = await request(app).get(`/notes/${note.id}`).set('Host', HOST);
      expect(archived.body._links.self).to.deep.equal({ href: `http://${HOST}/notes/${note.id}` });
    });
  });
});
