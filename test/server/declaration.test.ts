import { expect } from 'chai';
import { createService, defineHome, defineResource } from '@halway/server';

describe('declaration checks at start-up', () => {
  const handle = () => undefined;

  it('should refuse malformed paths', () => {
    expect(() => defineResource('orders', {})).to.throw(TypeError, /start with/);
    expect(() => defineResource('/orders/:id/:id', {})).to.throw(TypeError, /twice/);
    expect(() => defineResource('/orders/*all', {})).to.throw(TypeError, /literal/);
  });

  it('should refuse two resources at the same path, whatever their parameter names', () => {
    const a = defineResource('/orders/:id', {});
    const b = defineResource('/orders/:orderId', {});
    expect(() => createService({ resources: [a, b] })).to.throw(TypeError, /same path/);
  });

  it('should refuse two actions with the same method and path', () => {
    const order = defineResource('/orders/:id', {})
      .action('pay', { method: 'POST', handle })
      .action('refund', { method: 'POST', handle });
    expect(() => createService({ resources: [order] })).to.throw(TypeError, /both use POST/);
  });

  it('should refuse a GET action on the resource itself', () => {
    const order = defineResource('/orders/:id', {}).action('peek', { method: 'GET', handle });
    expect(() => createService({ resources: [order] })).to.throw(
      TypeError,
      /GET on the resource itself/,
    );
  });

  it('should refuse an input schema that is not an object schema, or does not compile', () => {
    expect(() =>
      createService({
        resources: [
          defineHome().action('a', { method: 'POST', input: { type: 'string' }, handle }),
        ],
      }),
    ).to.throw(TypeError, /object schema/);
    expect(() =>
      createService({
        resources: [
          defineHome().action('a', {
            method: 'POST',
            input: { type: 'object', properties: { a: { type: 'strin' } } } as never,
            handle,
          }),
        ],
      }),
    ).to.throw(TypeError, /does not compile/);
  });

  it('should refuse a navigation form whose target is not in the service, or that is not GET', () => {
    const elsewhere = defineResource('/elsewhere', {});
    expect(() =>
      createService({
        resources: [defineHome().action('go', { method: 'GET', target: elsewhere })],
      }),
    ).to.throw(TypeError, /not a resource of this service/);
    expect(() =>
      createService({
        resources: [defineHome().action('go', { method: 'POST', target: '/x' } as never)],
      }),
    ).to.throw(TypeError, /must use GET/);
  });

  it('should refuse duplicate action names and empty services', () => {
    expect(() =>
      defineHome().action('a', { method: 'POST', handle }).action('a', { method: 'PUT', handle }),
    ).to.throw(TypeError, /already has/);
    expect(() => createService({ resources: [] })).to.throw(TypeError, /at least one/);
  });
});
