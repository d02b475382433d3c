import type { IncomingRequest } from '../http/incoming.js';
import type { CurieSettings } from './relations.js';

/** How a service states the origin its links are made absolute with. */
export interface LinkSettings {
  /** The configured public origin (`publicUrl`), which wins over anything a request says. */
  publicUrl: string | undefined;
  /** Which proxies' `Forwarded` / `X-Forwarded-*` headers to believe (see `ServiceOptions.trustProxy`). */
  trustProxy: boolean | readonly string[];
  /** Whether hrefs, form targets and option links are made absolute (default true). */
  absolute: boolean;
  /** The CURIE of the service's own relations, when it documents them. */
  curie?: CurieSettings;
}

// A Host (or forwarded host) is a name or an IP literal with an optional port: anything else
// (spaces, slashes, "@", a second colon) could turn a link into someone else's URL.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))(?::\d{1,5})?$/;
const PROTOCOLS = new Set(['http', 'https']);

/**
 * The origin clients reached this request at, e.g. `https://orders.example.com`: `publicUrl`
 * when configured; else, when the request came through a trusted proxy, what that proxy says in
 * `Forwarded` (RFC 7239) or `X-Forwarded-Proto` / `X-Forwarded-Host`; else the request's own
 * protocol and `Host`. Of a list of forwarded values only the last is taken, the one the proxy in
 * front of us wrote; a client's own are before it. Undefined when no valid host is known.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7239
 */
export function requestOrigin(
  settings: LinkSettings,
  request: IncomingRequest,
): string | undefined {
  if (settings.publicUrl !== undefined) return settings.publicUrl;
  const own = { proto: request.socket && 'encrypted' in request.socket ? 'https' : 'http' };
  const forwarded = trusts(settings.trustProxy, request) ? forwardedOf(request) : {};
  const proto = valid(forwarded.proto?.toLowerCase(), (value) => PROTOCOLS.has(value)) ?? own.proto;
  const host =
    valid(forwarded.host, (value) => HOST.test(value)) ??
    valid(request.headers.host, (value) => HOST.test(value));
  return host === undefined ? undefined : `${proto}://${host.toLowerCase()}`;
}

/** The origin a service's hrefs are made absolute with for a request; undefined when they stay relative. */
export function linkOrigin(settings: LinkSettings, request: IncomingRequest): string | undefined {
  return settings.absolute ? requestOrigin(settings, request) : undefined;
}

/** The request headers a representation varies by when its links come from a proxy's headers. */
export function forwardedVary(settings: LinkSettings): string[] {
  return settings.absolute && settings.publicUrl === undefined && settings.trustProxy !== false
    ? ['Forwarded', 'X-Forwarded-Host', 'X-Forwarded-Proto']
    : [];
}

function trusts(trustProxy: LinkSettings['trustProxy'], request: IncomingRequest): boolean {
  if (trustProxy === true) return true;
  if (trustProxy === false) return false;
  const address = request.socket?.remoteAddress?.replace(/^::ffff:/, '');
  return address !== undefined && trustProxy.includes(address);
}

function forwardedOf(request: IncomingRequest): { proto?: string; host?: string } {
  const standard = lastOf(request.headers.forwarded);
  if (standard !== undefined) {
    const pairs = new Map(
      standard.split(';').map((pair) => {
        const [name = '', value = ''] = pair.split('=', 2);
        return [name.trim().toLowerCase(), value.trim().replace(/^"(.*)"$/, '$1')] as const;
      }),
    );
    if (pairs.has('host') || pairs.has('proto'))
      return { proto: pairs.get('proto'), host: pairs.get('host') };
  }
  return {
    proto: lastOf(request.headers['x-forwarded-proto']),
    host: lastOf(request.headers['x-forwarded-host']),
  };
}

function lastOf(header: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(header) ? header.join(',') : header;
  const last = joined?.split(',').at(-1)?.trim();
  return last === '' ? undefined : last;
}

function valid(value: string | undefined, test: (value: string) => boolean): string | undefined {
  return value !== undefined && test(value) ? value : undefined;
}
