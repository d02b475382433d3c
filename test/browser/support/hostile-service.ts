// A service whose resource is written by an attacker: markup in every title, property, prompt and
// option, `javascript:` and `data:` hrefs, a templated link that expands to `javascript:`, a CURIE
// whose documentation is a `javascript:` URL, and a problem whose detail is markup. Every payload
// sets window.__pwned (or opens a dialog) if it ever runs.
import { createService, defineHome, defineResource, HttpProblem } from '@halway/server';
import { explorer } from '@halway/explorer';
import { startRecorded, type RecordedService } from './recorded.js';

export const PAYLOADS = {
  title: `<img src=x onerror="window.__pwned='title'">Hostile`,
  script: `<script>window.__pwned='property'</script>`,
  svg: `<svg onload="window.__pwned='svg'"></svg>`,
  linkTitle: `<img src=x onerror="alert('link title')">`,
  prompt: `<b onmouseover="window.__pwned='prompt'">Prompt</b><script>alert(1)</script>`,
  option: `<img src=x onerror="window.__pwned='option'">`,
  detail: `<img src=x onerror="window.__pwned='detail'">`,
  embedded: `<iframe src="javascript:alert('embedded')"></iframe>`,
} as const;

export async function startHostileService(): Promise<RecordedService> {
  const service = await startRecorded('127.0.0.1');
  const hostile = defineResource('/hostile', {
    properties: () => ({
      title: PAYLOADS.title,
      note: PAYLOADS.script,
      nested: { deeper: { svg: PAYLOADS.svg } },
    }),
    links: () => ({
      curies: [{ name: 'ex', href: 'javascript:alert("{rel}")', templated: true }],
      'ex:thing': { href: '/hostile', title: 'A CURIE rel' },
      about: { href: '/', title: PAYLOADS.linkTitle },
      evil: { href: "javascript:window.__pwned='href'", title: 'Evil link' },
      data: { href: 'data:text/html,<script>alert(1)</script>', title: 'Data link' },
      jump: { href: '{+target}', templated: true, title: 'Jump' },
    }),
    embedded: () => ({
      items: [
        { _links: { self: { href: '/hostile' } }, title: PAYLOADS.embedded, body: PAYLOADS.script },
      ],
    }),
  }).action('inject', {
    method: 'POST',
    title: PAYLOADS.title,
    input: {
      type: 'object',
      properties: {
        text: { type: 'string', title: PAYLOADS.prompt, examples: [PAYLOADS.svg] },
        choice: { title: 'Choice', oneOf: [{ const: 'a', title: PAYLOADS.option }] },
      },
    } as const,
    handle: () => {
      throw new HttpProblem('CONFLICT', { detail: PAYLOADS.detail });
    },
  });
  service.use(
    createService({
      name: 'hostile',
      resources: [defineHome({ title: 'Hostile', links: { hostile } }), hostile],
      explorer: explorer(),
    }),
  );
  return service;
}
