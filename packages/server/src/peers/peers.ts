import {
  bearerAuth,
  createClient,
  setHeaders,
  type HalwayClient,
  type Resource,
  type State,
} from '@halway/client';
import { expandLink, type HalLink, type UriTemplateVariables } from '@halway/hal';
import CachePolicy from 'http-cache-semantics';
import { defaultLogger, type Logger } from '../logger.js';

/** A peer: its entry URL, and the credentials this service calls it with (sent to its origin only). */
export type PeerConfig =
  | string
  | {
      /** The peer's entry URL (its home document), never a path inside it. */
      url: string;
      /** A bearer token for the peer's origin. */
      token?: string;
      /** Other headers for the peer's origin (an API key). */
      headers?: Record<string, string>;
    };

/** How a service knows its peers. */
export interface PeersOptions {
  /** Peers by name, e.g. `{ payments: 'http://localhost:4002/' }`. */
  peers: Record<string, PeerConfig>;
  /** How long reading a peer's home document may take before its last known one is used, in ms (default 1000). */
  timeout?: number;
  /** The fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * The other services a service links into and calls, known by their entry URLs only. Links and
 * form targets into a peer are built from the links and templated links its home document
 * publishes, by relation: no service knows another's paths.
 */
export interface Peers {
  /** The client service-to-service calls go through; each peer's credentials go to its origin only. */
  readonly client: HalwayClient;
  /**
   * The client the outbox delivers with: the same credentials, but no retries, cache or timeout
   * of its own (the outbox retries, with its own bounds).
   */
  readonly outboxClient: HalwayClient;
  /** The names of the peers. */
  readonly names: readonly string[];
  /** The entry URL of a peer. */
  url(peer: string): string;
  /** A handle on a peer's home document, to follow its links and submit its forms. */
  go(peer: string): Resource;
  /**
   * A link into a peer: the link its home document publishes under `rel`, expanded with
   * `variables` when templated, made absolute. Undefined (with a logged warning) when the peer
   * has never been reachable or has no such link; its last known home document is used while
   * it is down.
   *
   * @example await context.peers.link('payments', 'payment-for', { order: orderUrl })
   */
  link(peer: string, rel: string, variables?: UriTemplateVariables): Promise<HalLink | undefined>;
  /** The URL of {@link Peers.link}, or undefined. */
  href(peer: string, rel: string, variables?: UriTemplateVariables): Promise<string | undefined>;
}

const WARN_EVERY = 30_000;

/**
 * Creates a service's peers and starts reading their home documents in the background; a peer
 * that is not up yet is no error. Pass the result to `createService({ peers })`.
 *
 * @example const peers = createPeers({ peers: { payments: { url: 'http://localhost:4002/', token } } });
 */
export function createPeers(options: PeersOptions, log: Logger = defaultLogger()): Peers {
  const entries = new Map<string, { url: string; origin: string }>();
  const client = createClient({ fetch: options.fetch, retry: { retries: 3 } });
  const outboxClient = createClient({ fetch: options.fetch, retry: false, cache: false });
  // Home documents are read by a client of their own that never retries: a page waits on them.
  const homes = createClient({
    fetch: options.fetch,
    retry: false,
    timeout: options.timeout ?? 1000,
  });
  for (const [name, config] of Object.entries(options.peers)) {
    const { url, token, headers } =
      typeof config === 'string' ? { url: config, token: undefined, headers: undefined } : config;
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new TypeError(
        `createService(): peer "${name}" needs an absolute http(s) URL, got ${JSON.stringify(url)}`,
      );
    }
    const { origin, href } = new URL(url);
    entries.set(name, { url: href, origin });
    for (const target of [client, outboxClient, homes]) {
      if (token !== undefined) target.use(bearerAuth(token), { origin });
      if (headers !== undefined) target.use(setHeaders(headers), { origin });
    }
  }
  const lastKnown = new Map<string, { state: State; freshUntil: number }>();
  const warned = new Map<string, number>();

  const entry = (peer: string, caller: string) => {
    const found = entries.get(peer);
    if (!found)
      throw new TypeError(
        `${caller}: "${peer}" is not a peer of this service (peers: ${[...entries.keys()].join(', ') || 'none'})`,
      );
    return found;
  };
  const warn = (peer: string, message: string, fields: Record<string, unknown>) => {
    const now = Date.now();
    if (now - (warned.get(`${peer} ${message}`) ?? 0) < WARN_EVERY) return;
    warned.set(`${peer} ${message}`, now);
    log.warn(message, { peer, ...fields });
  };
  // Every page that links into a peer asks for its home document: while HTTP says the last one
  // is fresh, it is used as it is, without the client's cache building it anew for each page.
  // The warm-up at start-up is quiet: peers often come up a moment later, and the first request
  // that needs one warns if it is still down.
  const home = async (peer: string, quiet = false): Promise<State | undefined> => {
    const { url } = entry(peer, 'peers.link()');
    const last = lastKnown.get(peer);
    if (last !== undefined && Date.now() < last.freshUntil) return last.state;
    try {
      const state = await homes.go(url).get();
      lastKnown.set(peer, { state, freshUntil: Date.now() + freshFor(state) });
      return state;
    } catch (error) {
      const known = lastKnown.get(peer)?.state;
      if (quiet) return known;
      warn(
        peer,
        known
          ? 'peer unreachable; using its last known home document'
          : 'peer unreachable; leaving its links out',
        { url, reason: error instanceof Error ? error.message : String(error) },
      );
      return known;
    }
  };
  const link = async (
    peer: string,
    rel: string,
    variables: UriTemplateVariables = {},
  ): Promise<HalLink | undefined> => {
    const state = await home(peer);
    const found = state?.link(rel);
    if (!state) return undefined;
    if (!found) {
      warn(peer, 'peer publishes no such link', { rel, url: state.url });
      return undefined;
    }
    const result: HalLink = { href: expandLink(found, variables) };
    for (const name of ['title', 'type', 'name', 'profile', 'hreflang', 'deprecation'] as const) {
      if (found[name] !== undefined) result[name] = found[name];
    }
    return result;
  };

  for (const peer of entries.keys()) void home(peer, true);
  return {
    client,
    outboxClient,
    names: [...entries.keys()],
    url: (peer) => entry(peer, 'peers.url()').url,
    go: (peer) => client.go(entry(peer, 'peers.go()').url),
    link,
    href: async (peer, rel, variables) => (await link(peer, rel, variables))?.href,
  };
}

/**
 * How long, in ms, a peer's response may be used without asking again, as HTTP caching says
 * for a private cache (RFC 9111: `max-age` less `Age`, none for `no-cache` or `no-store`). No
 * heuristic freshness: without a lifetime of its own, the client's HTTP cache decides, as for
 * any request.
 */
function freshFor(state: State): number {
  const headers = Object.fromEntries(state.headers);
  const policy = new CachePolicy(
    { url: state.url, method: 'GET', headers: {} },
    { status: state.status, headers },
    { shared: false, cacheHeuristic: 0 },
  );
  return policy.timeToLive();
}
