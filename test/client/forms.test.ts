import { expect } from 'chai';
import express from 'express';
import {
  FormNotFoundError,
  InvalidFormError,
  createClient,
  type HalwayClient,
} from '@halway/client';
import type { HalFormsProperty } from '@halway/hal';
import { sendHal, startServices, type TestService } from './support/service.js';

const CHECK_FIELDS: HalFormsProperty[] = [
  { name: 'name', prompt: 'Name', required: true, regex: '[A-Z][a-z]+', maxLength: 8 },
  { name: 'nick', minLength: 3 },
  { name: 'quantity', type: 'number', min: 1, max: 10, step: 1, value: 1 },
  { name: 'size', options: { inline: ['small', 'large'], maxItems: 1 } },
  { name: 'extras', options: { inline: ['milk', 'sugar', 'cream'], minItems: 1, maxItems: 2 } },
  { name: 'code', readOnly: true, value: 'ABC' },
  {
    name: 'shop',
    options: { link: { href: '/shops' }, promptField: 'name', valueField: 'id', maxItems: 1 },
  },
];

describe('Form', () => {
  let orders: TestService;
  let payments: TestService;
  let catalog: TestService;
  let client: HalwayClient;
  const uploads: { type: string; body: Buffer }[] = [];

  before(async () => {
    [orders, payments, catalog] = await startServices();
    orders.app.get('/orders/1', (req, res) =>
      sendHal(req, res, {
        _links: { self: { href: '/orders/1' } },
        status: 'open',
        _templates: {
          check: {
            method: 'POST',
            target: '/checks',
            properties: CHECK_FIELDS.map((field) =>
              field.name === 'shop'
                ? { ...field, options: { ...field.options, link: { href: catalog.url('/shops') } } }
                : field,
            ),
          },
          search: {
            method: 'GET',
            target: '/orders?sort=date',
            properties: [{ name: 'status' }, { name: 'page', type: 'number' }],
          },
          cancel: { method: 'DELETE', properties: [{ name: 'reason' }] },
          legacy: {
            method: 'POST',
            contentType: 'application/x-www-form-urlencoded',
            target: '/legacy',
            properties: [{ name: 'a' }, { name: 'tags', options: { inline: ['x', 'y'] } }],
          },
          update: {
            method: 'PUT',
            properties: [{ name: 'status', required: true }, { name: 'notes' }],
          },
          upload: {
            method: 'POST',
            contentType: 'multipart/form-data',
            target: '/uploads',
            properties: [
              { name: 'title', required: true },
              { name: 'photo', type: 'file', required: true },
              { name: 'tags', options: { inline: ['a', 'b'] } },
            ],
          },
        },
      }),
    );
    orders.app.get('/orders/2', (req, res) =>
      sendHal(req, res, {
        _links: { self: { href: '/orders/2' } },
        _templates: {
          first: { method: 'POST', properties: [] },
          default: { method: 'PATCH', properties: [] },
        },
      }),
    );
    orders.app.get('/orders/3', (req, res) =>
      sendHal(req, res, {
        _links: { self: { href: '/orders/3' } },
        _templates: { first: { method: 'POST' }, second: { method: 'PUT' } },
      }),
    );
    orders.app.get('/orders/4', (req, res) =>
      sendHal(req, res, { _links: { self: { href: '/orders/4' } } }),
    );
    orders.app.get('/orders', (req, res) =>
      sendHal(req, res, { _links: { self: { href: req.originalUrl } }, query: req.query }),
    );
    orders.app.all(['/checks', '/legacy', '/orders/1'], (req, res) =>
      sendHal(req, res, { received: req.body ?? null, query: req.query }, { etag: false }),
    );
    orders.app.post('/uploads', express.raw({ type: 'multipart/form-data' }), (req, res) => {
      uploads.push({ type: req.get('content-type') ?? '', body: req.body as Buffer });
      res.status(204).end();
    });
    catalog.app.get('/shops', (_req, res) => {
      res.set('cache-control', 'max-age=60').json([
        { id: 's1', name: 'Main street' },
        { id: 's2', name: 'Station' },
      ]);
    });
  });

  after(() => Promise.all([orders, payments, catalog].map((service) => service.close())));

  beforeEach(() => {
    client = createClient();
    for (const service of [orders, payments, catalog]) service.log.length = 0;
  });

  const order = () => client.go(orders.url('/orders/1')).get();

  describe('form()', () => {
    it('should take the template called default, else the first, when no name is given', async () => {
      expect((await client.go(orders.url('/orders/2')).form()).name).to.equal('default');
      expect((await client.go(orders.url('/orders/3')).form()).name).to.equal('first');
    });

    it('should throw a FormNotFoundError listing the templates that exist', async () => {
      const state = await order();
      let caught: unknown;
      try {
        state.form('chek');
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(FormNotFoundError);
      expect((caught as FormNotFoundError).code).to.equal('FORM_NOT_FOUND');
      expect((caught as FormNotFoundError).available).to.deep.equal([
        'check',
        'search',
        'cancel',
        'legacy',
        'update',
        'upload',
      ]);
      const none = await client.go(orders.url('/orders/4')).get();
      expect(() => none.form()).to.throw(FormNotFoundError);
    });

    it('should expose every attribute of every field', async () => {
      const form = (await order()).form('check');
      expect(form.method).to.equal('POST');
      expect(form.target).to.equal(orders.url('/checks'));
      expect(form.contentType).to.equal('application/json');
      const quantity = form.field('quantity');
      expect(quantity).to.include({ type: 'number', min: 1, max: 10, step: 1, value: 1 });
      expect(quantity?.multiple).to.equal(false);
      expect(form.field('extras')?.multiple).to.equal(true);
      expect(form.field('name')).to.include({
        prompt: 'Name',
        required: true,
        regex: '[A-Z][a-z]+',
      });
      expect(form.fields.map((field) => field.name)).to.deep.equal(
        CHECK_FIELDS.map((field) => field.name),
      );
    });
  });

  describe('choices()', () => {
    it('should fetch remote options once, from the service that offers them, as choices', async () => {
      const form = (await order()).form('check');
      const first = await form.choices('shop');
      const second = await form.choices('shop');
      expect(first).to.deep.equal([
        { prompt: 'Main street', value: 's1' },
        { prompt: 'Station', value: 's2' },
      ]);
      expect(second).to.deep.equal(first);
      expect(catalog.requests('GET', '/shops')).to.have.length(1);
      expect(catalog.log[0]?.headers.accept).to.match(/^application\/json/);
      expect(await form.choices('size')).to.deep.equal([
        { prompt: 'small', value: 'small' },
        { prompt: 'large', value: 'large' },
      ]);
    });
  });

  describe('submit()', () => {
    const valid = { name: 'Ann', extras: ['milk'], shop: 's1' };
    const rejected: [string, Record<string, unknown>, string, string][] = [
      ['required', { ...valid, name: undefined }, 'name', 'required'],
      ['regex', { ...valid, name: 'ann' }, 'name', 'regex'],
      ['maxLength', { ...valid, name: 'Annabellee' }, 'name', 'maxLength'],
      ['minLength', { ...valid, nick: 'Al' }, 'nick', 'minLength'],
      ['min', { ...valid, quantity: 0 }, 'quantity', 'min'],
      ['max', { ...valid, quantity: 11 }, 'quantity', 'max'],
      ['step', { ...valid, quantity: 2.5 }, 'quantity', 'step'],
      ['options (inline)', { ...valid, size: 'medium' }, 'size', 'options'],
      ['options (remote)', { ...valid, shop: 's9' }, 'shop', 'options'],
      ['minItems', { ...valid, extras: [] }, 'extras', 'minItems'],
      ['maxItems', { ...valid, extras: ['milk', 'sugar', 'cream'] }, 'extras', 'maxItems'],
      ['readOnly', { ...valid, code: 'XYZ' }, 'code', 'readOnly'],
      ['type', { ...valid, quantity: 'two' }, 'quantity', 'type'],
    ];
    for (const [label, values, field, constraint] of rejected) {
      it(`should reject ${label} before any request`, async () => {
        const form = (await order()).form('check');
        let caught: unknown;
        try {
          await form.submit(values);
        } catch (error) {
          caught = error;
        }
        expect(caught).to.be.instanceOf(InvalidFormError);
        const error = caught as InvalidFormError;
        expect(error.code).to.equal('INVALID_FORM');
        expect(error.errors.map((entry) => [entry.field, entry.constraint])).to.deep.equal([
          [field, constraint],
        ]);
        expect(error.fields).to.deep.equal([field]);
        expect(orders.requests('POST', '/checks')).to.have.length(0);
      });
    }

    it('should list every failing field at once', async () => {
      const form = (await order()).form('check');
      const errors = await form.validate({ name: 'x', quantity: 20, extras: [] });
      expect(errors.map((entry) => [entry.field, entry.constraint])).to.deep.equal([
        ['name', 'regex'],
        ['quantity', 'max'],
        ['extras', 'minItems'],
      ]);
    });

    it('should send a valid submission as JSON with the fields’ starting values', async () => {
      const result = await (await order()).form('check').submit(valid);
      expect(result.properties.received).to.deep.equal({ ...valid, quantity: 1, code: 'ABC' });
      const [post] = orders.requests('POST', '/checks');
      expect(post?.headers['content-type']).to.equal('application/json');
    });

    it('should put GET values in the query, keeping the target’s own query', async () => {
      const result = await (await order()).form('search').submit({ status: 'paid', page: 2 });
      expect(result.properties.query).to.deep.equal({ sort: 'date', status: 'paid', page: '2' });
      expect(orders.log.at(-1)?.url).to.equal('/orders?sort=date&status=paid&page=2');
    });

    it('should put DELETE values in the query', async () => {
      await client.go(orders.url('/orders/1')).form('cancel').submit({ reason: 'late' });
      expect(orders.log.at(-1)).to.include({ method: 'DELETE', url: '/orders/1?reason=late' });
    });

    it('should send urlencoded bodies when the template says so', async () => {
      const result = await (await order()).form('legacy').submit({ a: '1', tags: ['x', 'y'] });
      expect(orders.log.at(-1)?.headers['content-type']).to.equal(
        'application/x-www-form-urlencoded',
      );
      expect(result.properties.received).to.deep.equal({ a: '1', tags: ['x', 'y'] });
    });

    it('should upload files as multipart/form-data', async () => {
      const photo = new File(['png bytes'], 'cup "1".png', { type: 'image/png' });
      const form = (await order()).form('upload');
      await form.submit({ title: 'Cup', photo, tags: ['a', 'b'] });
      const [upload] = uploads.splice(0);
      expect(upload?.type).to.match(/^multipart\/form-data; boundary=/);
      const parsed = await new Response(new Uint8Array(upload!.body), {
        headers: { 'content-type': upload!.type },
      }).formData();
      expect(parsed.get('title')).to.equal('Cup');
      expect(parsed.getAll('tags')).to.deep.equal(['a', 'b']);
      const file = parsed.get('photo') as File;
      expect(file.name).to.equal('cup "1".png');
      expect(file.type).to.equal('image/png');
      expect(await file.text()).to.equal('png bytes');
    });

    it('should refuse a file field without a file before any request', async () => {
      const form = (await order()).form('upload');
      let caught: unknown;
      try {
        await form.submit({ title: 'Cup', photo: 'cup.png' });
      } catch (error) {
        caught = error;
      }
      expect((caught as InvalidFormError).errors.map((error) => error.constraint)).to.deep.equal([
        'type',
      ]);
      expect(orders.requests('POST', '/uploads')).to.have.length(0);
    });

    it('should coerce raw strings from a UI when asked', async () => {
      const result = await (
        await order()
      )
        .form('check')
        .submit({ name: 'Ann', quantity: '3', extras: 'milk', shop: 's2' }, { coerce: true });
      expect(result.properties.received).to.deep.include({ quantity: 3, extras: ['milk'] });
    });

    it('should throw a TypeError when the values are not an object', async () => {
      const form = (await order()).form('update');
      let caught: unknown;
      try {
        await form.submit(null as unknown as Record<string, unknown>);
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(TypeError);
    });
  });
});
