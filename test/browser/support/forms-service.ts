// A service with a form for every kind of HAL-FORMS field, on its own loopback origin, that
// records what each action received: the Content-Type, the parsed body and the validated input.
import { createService, defineHome, defineResource } from '@halway/server';
import { explorer } from '@halway/explorer';
import express from 'express';
import { startRecorded, type RecordedService } from './recorded.js';

export interface Received {
  action: string;
  contentType: string | undefined;
  body: unknown;
  input: unknown;
  query: unknown;
}

export interface FormsService extends RecordedService {
  received: Received[];
}

export const everyFieldSchema = {
  type: 'object',
  required: ['name', 'quantity', 'colour', 'toppings'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', title: 'Name', minLength: 2, maxLength: 10, examples: ['Ada'] },
    quantity: { type: 'integer', title: 'Quantity', minimum: 1, maximum: 10 },
    price: { type: 'number', title: 'Price', minimum: 0, multipleOf: 0.5 },
    email: { type: 'string', title: 'Email', format: 'email' },
    website: { type: 'string', title: 'Website', format: 'uri' },
    day: { type: 'string', title: 'Day', format: 'date' },
    meeting: { type: 'string', title: 'Meeting', 'x-hal-forms': { type: 'datetime-local' } },
    alarm: { type: 'string', title: 'Alarm', 'x-hal-forms': { type: 'time' } },
    secret: { type: 'string', title: 'Secret', format: 'password' },
    token: { type: 'string', default: 't-1', 'x-hal-forms': { type: 'hidden' } },
    notes: {
      type: 'string',
      title: 'Notes',
      maxLength: 100,
      'x-hal-forms': { type: 'textarea', rows: 4, cols: 40 },
    },
    subscribe: { type: 'boolean', title: 'Subscribe' },
    size: { title: 'Size', enum: ['S', 'M', 'L'], default: 'M', 'x-hal-forms': { type: 'radio' } },
    drink: {
      title: 'Drink',
      oneOf: [
        { const: 'tea', title: 'Tea' },
        { const: 'coffee', title: 'Coffee' },
      ],
    },
    colour: {
      type: 'string',
      title: 'Colour',
      'x-hal-forms': {
        options: { link: { href: '/colours' }, promptField: 'label', valueField: 'code' },
      },
    },
    toppings: {
      type: 'array',
      title: 'Toppings',
      items: { enum: ['cheese', 'ham', 'olives', 'basil'] },
      minItems: 1,
      maxItems: 2,
      default: ['cheese'],
    },
    code: { type: 'string', title: 'Code', pattern: '^[A-Z]{3}-\\d{2}$' },
    ref: { type: 'string', title: 'Reference', readOnly: true, default: 'R-7' },
  },
} as const;

export async function startFormsService(): Promise<FormsService> {
  const service = await startRecorded('127.0.0.1');
  const received: Received[] = [];
  const record =
    (action: string) =>
    (context: {
      request: { headers: Record<string, unknown>; body?: unknown; query?: unknown };
      input: unknown;
    }) => {
      received.push({
        action,
        contentType: context.request.headers['content-type'] as string | undefined,
        body: context.request.body,
        input: context.input,
        query: context.request.query,
      });
    };
  const results = defineResource('/results', {
    title: 'Results',
    query: ['q'],
    properties: (_state, { params }) => ({ title: 'Results', q: params.q ?? null }),
  });
  const colours = defineResource('/colours', {
    properties: () => ({
      inline: [
        { code: 'r', label: 'Red' },
        { code: 'g', label: 'Green' },
      ],
    }),
  });
  const everything = defineResource('/everything', {
    title: 'Every field',
    properties: () => ({ title: 'Every kind of field' }),
    links: () => ({
      curies: [
        { name: 'local', href: '/docs/{rel}', templated: true },
        { name: 'ext', href: 'https://docs.example/rels/{rel}', templated: true },
      ],
      'local:colours': { href: '/colours', title: 'The colours' },
      'ext:results': { href: '/results', title: 'The results' },
      old: {
        href: '/results?q=old',
        title: 'Old results',
        deprecation: 'https://docs.example/deprecations/old',
      },
    }),
  })
    .action('send-everything', {
      method: 'POST',
      title: 'Every kind of field',
      input: everyFieldSchema,
      handle: record('send-everything'),
    })
    .action('register', {
      method: 'POST',
      path: '/registrations',
      title: 'Register',
      contentType: 'application/x-www-form-urlencoded',
      input: {
        type: 'object',
        required: ['nickname'],
        properties: {
          nickname: { type: 'string', title: 'Nickname' },
          age: { type: 'integer', title: 'Age', minimum: 0 },
          interests: {
            type: 'array',
            title: 'Interests',
            items: { enum: ['music', 'sport', 'books'] },
          },
        },
      } as const,
      handle: record('register'),
    })
    .action('search', {
      method: 'GET',
      title: 'Search',
      target: results,
      input: { type: 'object', properties: { q: { type: 'string', title: 'Query' } } } as const,
    })
    .action('remove', {
      method: 'DELETE',
      title: 'Remove everything',
      input: {
        type: 'object',
        properties: { reason: { type: 'string', title: 'Reason' } },
      } as const,
      handle: record('remove'),
    });
  // Documentation served beside the service, on its origin, for the CURIE rels.
  const outer = express();
  outer.get('/docs/:rel', (request, response) => {
    const rel = request.params.rel.replace(/\W/g, '');
    response.type('text/html').send(`<!doctype html><title>Docs</title><h1>About ${rel}</h1>`);
  });
  outer.use(
    createService({
      name: 'forms',
      resources: [
        defineHome({ title: 'Forms', links: { everything } }),
        everything,
        results,
        colours,
      ],
      explorer: explorer({ title: 'Forms' }),
    }),
  );
  service.use(outer);
  return { ...service, received };
}
