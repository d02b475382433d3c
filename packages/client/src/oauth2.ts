import { FORM_URLENCODED, JSON_MEDIA_TYPE } from '@halway/hal';
import { HttpError } from './errors.js';
import { markCredentials } from './internal/origin-scope.js';
import type { Middleware } from './middleware.js';

/** Options of {@link oauth2ClientCredentials}. */
export interface OAuth2ClientCredentialsOptions {
  /** The authorization server's token endpoint. */
  tokenEndpoint: string;
  /** The client's id. */
  clientId: string;
  /** The client's secret; it goes to the token endpoint only. */
  clientSecret: string;
  /** The scope(s) to ask for. */
  scope?: string | readonly string[];
  /** How the client authenticates at the token endpoint: `basic` (default) or `body`. */
  authMethod?: 'basic' | 'body';
  /** Renew the token this many milliseconds before it expires (default 30 000). */
  leeway?: number;
  /** The fetch for the token endpoint (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
}

interface Token {
  value: string;
  expiresAt: number;
}

/**
 * Service-to-service OAuth 2.0: gets an access token with the client credentials grant, sends
 * it as a bearer token to the origins the middleware is scoped to, renews it before it expires,
 * and once more when a response says 401. Concurrent requests share one token request.
 *
 * @example
 * client.use(
 *   oauth2ClientCredentials({ tokenEndpoint, clientId: 'orders', clientSecret, scope: 'payments' }),
 *   { origin: 'https://payments.example' },
 * );
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 */
export function oauth2ClientCredentials(options: OAuth2ClientCredentialsOptions): Middleware {
  if (!options || !URL.canParse(options.tokenEndpoint)) {
    throw new TypeError('oauth2ClientCredentials(): tokenEndpoint must be an absolute URL');
  }
  if (typeof options.clientId !== 'string' || typeof options.clientSecret !== 'string') {
    throw new TypeError('oauth2ClientCredentials(): clientId and clientSecret must be strings');
  }
  const now = options.now ?? Date.now;
  const leeway = options.leeway ?? 30_000;
  let token: Token | undefined;
  let pending: Promise<Token> | undefined;

  const current = async (): Promise<{ token: Token; fresh: boolean }> => {
    if (token && token.expiresAt - leeway > now()) return { token, fresh: false };
    pending ??= requestToken(options, now).finally(() => (pending = undefined));
    token = await pending;
    return { token, fresh: true };
  };

  return markCredentials(async (request, next) => {
    const { token: used, fresh } = await current();
    const again = fresh ? undefined : request.clone();
    request.headers.set('authorization', `Bearer ${used.value}`);
    const response = await next(request);
    if (response.status !== 401 || again === undefined) return response;
    // The server no longer takes the token (revoked, rotated keys): renew it and try once more.
    if (token === used) token = undefined;
    const renewed = await current();
    again.headers.set('authorization', `Bearer ${renewed.token.value}`);
    return next(again);
  });
}

async function requestToken(
  options: OAuth2ClientCredentialsOptions,
  now: () => number,
): Promise<Token> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  const scope = typeof options.scope === 'string' ? options.scope : options.scope?.join(' ');
  if (scope) form.set('scope', scope);
  const headers = new Headers({ 'content-type': FORM_URLENCODED, accept: JSON_MEDIA_TYPE });
  if (options.authMethod === 'body') {
    form.set('client_id', options.clientId);
    form.set('client_secret', options.clientSecret);
  } else {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
    const pair = `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`;
    headers.set('authorization', `Basic ${btoa(pair)}`);
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const response = await fetchImpl(options.tokenEndpoint, {
    method: 'POST',
    headers,
    body: form.toString(),
  });
  const body = await response.text();
  const init = {
    method: 'POST',
    url: options.tokenEndpoint,
    status: response.status,
    headers: response.headers,
    body,
  };
  if (!response.ok) throw new HttpError(init);
  let parsed: { access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new HttpError(init, 'HTTP_ERROR', `${options.tokenEndpoint} sent no JSON token`);
  }
  if (typeof parsed.access_token !== 'string') {
    throw new HttpError(init, 'HTTP_ERROR', `${options.tokenEndpoint} sent no access_token`);
  }
  const lifetime = typeof parsed.expires_in === 'number' ? parsed.expires_in * 1000 : Infinity;
  return { value: parsed.access_token, expiresAt: now() + lifetime };
}
