import {
  basicAuth,
  bearerAuth,
  createClient,
  setHeaders,
  type HalwayClient,
  type Middleware,
} from '@halway/client';
import type { GlobalOptions } from '../command.js';
import type { CliIo } from '../io.js';
import { inert } from '../output/style.js';
import { loadCredentials, type Credential } from './config.js';

/**
 * A client with the configured credentials, each scoped by the client to its own origins (so a
 * link into another service never carries them). With `--verbose`, every request is written to
 * stderr with the credential its origin got, or "no credential".
 */
export async function createCliClient(io: CliIo, global: GlobalOptions): Promise<HalwayClient> {
  const credentials = await loadCredentials(io, global.config);
  const client = createClient({
    ...(global.timeout !== undefined ? { timeout: global.timeout } : {}),
    onDeprecation: (notice) =>
      io.stderr.write(`warning: the link "${inert(notice.rel)}" to ${notice.href} is deprecated\n`),
  });
  // Which credentials each request was given, noted by a marker that runs with the credential.
  const given = new WeakMap<Request, string[]>();
  for (const credential of credentials) {
    if (global.verbose) {
      client.use(
        async (request, next) => {
          given.set(request, [...(given.get(request) ?? []), describe(credential)]);
          return next(request);
        },
        { origin: credential.origins },
      );
    }
    client.use(middlewareFor(credential), { origin: credential.origins });
  }
  if (global.verbose) {
    client.use(
      async (request, next) => {
        const started = Date.now();
        const response = await next(request);
        const credential = given.get(request)?.join(', ') ?? 'no credential';
        io.stderr.write(
          `> ${request.method} ${request.url} (${credential}) ${response.status} ${Date.now() - started} ms\n`,
        );
        return response;
      },
      { origin: '*' },
    );
  }
  return client;
}

function middlewareFor(credential: Credential): Middleware {
  switch (credential.kind) {
    case 'bearer':
      return bearerAuth(credential.secret);
    case 'basic':
      return basicAuth(credential.name!, credential.secret);
    case 'header':
      return setHeaders({ [credential.name!]: credential.secret });
  }
}

function describe(credential: Credential): string {
  return `${credential.label} for ${credential.origins.join(' ')} from ${credential.from}`;
}
