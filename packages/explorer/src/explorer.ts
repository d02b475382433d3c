import type { Request, RequestHandler, Response } from 'express';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.js';
import { loadBundle, type Bundle } from './internal/assets.js';
import { prefersHtml } from './internal/negotiate.js';
import { renderShell } from './internal/shell.js';

/** The path prefix the explorer's own files are served under, reserved on every service. */
export const EXPLORER_PATH = '/_explorer/';

/** How the explorer behaves. */
export interface ExplorerOptions {
  /**
   * The other Halway services this one links to: their entry URLs or origins, or a function
   * returning them (for services that learn their peers' URLs only once those listen). Following
   * a link into a peer opens that peer's own explorer and carries the trail there, in the URL
   * fragment. Links to other origins open as plain links, without the trail.
   */
  peers?: readonly string[] | (() => readonly string[]);
  /** The service's name, shown in the page title. */
  title?: string;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The browser explorer: a GET or HEAD request that prefers `text/html` to the HAL and JSON types
 * gets the explorer's page, which then fetches the same URL as JSON, from the same origin, and
 * shows it; the page's files are served under {@link EXPLORER_PATH}. Every other request goes on
 * untouched, so programs keep getting JSON from the same URLs. Give it to `createService` as
 * `explorer`; leave it out to switch the explorer off.
 *
 * @example
 * const app = createService({ resources, explorer: explorer({ peers: [paymentsUrl] }) });
 */
export function explorer(options: ExplorerOptions = {}): RequestHandler {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('explorer(): the options must be an object');
  const { peers, title } = options;
  if (peers !== undefined && typeof peers !== 'function' && !Array.isArray(peers))
    throw new TypeError('explorer(): "peers" must be a list of URLs or a function returning one');
  if (title !== undefined && typeof title !== 'string')
    throw new TypeError('explorer(): "title" must be a string');
  if (Array.isArray(peers)) peerOrigins(peers);
  const bundle = loadBundle();

  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path.startsWith(EXPLORER_PATH)) {
      return sendAsset(bundle, request.path.slice(EXPLORER_PATH.length), request, response, next);
    }
    if (!prefersHtml(request)) return next();
    const list = typeof peers === 'function' ? peers() : (peers ?? []);
    response.vary('Accept');
    response.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      // The same URL answers JSON to programs, and the page is tiny: it is never stored.
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'same-origin',
    });
    response.send(
      renderShell({
        bundle,
        assetPath: request.baseUrl + EXPLORER_PATH,
        peers: peerOrigins(list),
        title,
      }),
    );
  };
}

function sendAsset(
  bundle: Bundle,
  name: string,
  request: Request,
  response: Response,
  next: (error?: unknown) => void,
): void {
  const asset = bundle.files.get(name);
  if (!asset) return next();
  response.set({
    'Content-Type': asset.type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cache-Control': IMMUTABLE,
    ETag: asset.etag,
  });
  if (request.headers['if-none-match'] === asset.etag) {
    response.status(304).end();
    return;
  }
  response.send(asset.body);
}

/** The origins of peer URLs; a TypeError names the first that is not an http(s) URL. */
function peerOrigins(peers: readonly string[]): string[] {
  if (!Array.isArray(peers)) throw new TypeError('explorer(): "peers" must return a list of URLs');
  return peers.map((peer) => {
    const url = typeof peer === 'string' && URL.canParse(peer) ? new URL(peer) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new TypeError(`explorer(): peer ${JSON.stringify(peer)} is not an http(s) URL`);
    }
    return url.origin;
  });
}
