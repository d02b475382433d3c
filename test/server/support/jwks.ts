// An identity provider's published keys, served on a loopback port, for the JWT tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JSON Web Key Set served on a loopback port, as an identity provider publishes it. */
export interface KeyServer {
  url: string;
  /** How many times the set was fetched. */
  fetches: number;
  /** What the next fetches get: the set, or an error status. */
  answer: 'keys' | 'error';
  close(): Promise<void>;
}

/** Serves `keys` as a JWKS on 127.0.0.1 and a free port until closed. */
export async function startKeyServer(keys: object[]): Promise<KeyServer> {
  const state = { fetches: 0, answer: 'keys' as KeyServer['answer'] };
  const server: Server = createServer((_request, response) => {
    state.fetches++;
    if (state.answer === 'error') return void response.writeHead(503).end();
    response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    response.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
