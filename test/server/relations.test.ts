import { expect } from 'chai';
import request from 'supertest';
import { createService, defineHome, defineResource } from '@halway/server';

describe('relations (CURIEs documented by the service)', () => {
  const docs = {
    thing: { title: 'A <thing>', description: 'First line.\nSecond & last.' },
    things: { title: 'Things', description: 'All of them.' },
  };

  function service() {
    const thing = defineResource('/things/:id', {
      params: (state: { id: string }) => ({ id: state.id }),
      load: ({ params }) => ({ id: params.id }),
      properties: (state) => state,
    });
    const list = defineResource('/things', {
      embedded: async (_state, context) => ({
        'x:things': [await context.represent(thing, { id: '1' })],
      }),
      links: () => ({ plain: { href: '/elsewhere' } }),
    });
    const home = defineHome({ links: { 'x:things': list } });
    return createService({
      resources: [home, list, thing],
      relations: { curie: 'x', docs },
      logger: false,
    });
  }

  it('should add curies to documents that use the prefix, and only to them', async () => {
    const app = service();
    const home = await request(app).get('/').set('Host', 'shop.test').expect(200);
    expect(home.body._links.curies).to.deep.equal([
      { name: 'x', href: 'http://shop.test/rels/{rel}', templated: true },
    ]);
    const list = await request(app).get('/things').set('Host', 'shop.test').expect(200);
    expect(list.body._links.curies?.[0]?.name).to.equal('x');
    const item = await request(app).get('/things/1').expect(200);
    expect(item.body._links).to.not.have.property('curies');
  });

  it('should serve each relation’s page as escaped HTML, an index, and 404 for others', async () => {
    const app = service();
    const page = await request(app).get('/rels/thing').expect(200);
    expect(page.headers['content-type']).to.match(/^text\/html/);
    expect(page.text).to.include('<code>x:thing</code>: A &#60;thing&#62;');
    expect(page.text).to.include('<p>Second &#38; last.</p>');
    const index = await request(app).get('/rels').expect(200);
    expect(index.text).to.include('href="/rels/things"');
    const missing = await request(app).get('/rels/other').expect(404);
    expect(missing.headers['content-type']).to.match(/^application\/problem\+json/);
  });

  it('should refuse a prefix or a relation that is not a name', () => {
    for (const relations of [
      { curie: 'x y', docs },
      { curie: 'x', docs: { 'a/b': docs.thing } },
      { curie: 'x', path: 'rels', docs },
    ]) {
      expect(() => createService({ resources: [defineHome()], relations, logger: false })).to.throw(
        TypeError,
      );
    }
  });
});
