import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { HttpProblem } from '../errors.js';
import { readingHeaders, type Authentication, type Caller } from './authentication.js';

/** How {@link jwtAuthentication} checks a token and turns its claims into a caller. */
export interface JwtAuthenticationOptions {
  /**
   * The identity provider's JSON Web Key Set (its `jwks_uri`), e.g.
   * `https://login.example/.well-known/jwks.json`. Keys are fetched on first use, kept for
   * `cacheMaxAge`, and fetched again when a token names a key id the set does not have yet.
   */
  jwksUrl: string | URL;
  /** The `iss` a token must carry: the provider's issuer identifier (one of them, if a list). */
  issuer: string | readonly string[];
  /** The `aud` a token must be for: this service's identifier (one of them, if a list). */
  audience: string | readonly string[];
  /**
   * Seconds of difference allowed between this machine's clock and the issuer's when checking
   * `exp` and `nbf` (default 30). A token expired 20 seconds ago still passes with the default.
   */
  clockTolerance?: number;
  /**
   * The signature algorithms accepted (default `RS256`, `PS256`, `ES256`, `EdDSA`). A token
   * signed with any other, `none` and the HMAC ones included, is refused.
   */
  algorithms?: readonly string[];
  /**
   * Turns a verified token's claims into the caller that `allow()` sees; return undefined to
   * refuse the token. The default takes `sub` as `id`, and `roles` from the `scope` claim
   * (space-separated), `scp` and `roles` (arrays), and keeps every claim under `claims`.
   */
  caller?: (claims: JWTPayload) => Caller | undefined;
  /** The realm named in `WWW-Authenticate` challenges (default `halway`). */
  realm?: string;
  /** Milliseconds a fetch of the key set may take before a request is answered 503 (default 5000). */
  timeout?: number;
  /** Milliseconds the fetched key set is kept before it is fetched again (default 600000). */
  cacheMaxAge?: number;
}

const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
// Three base64url segments: what a compact JWS looks like. Other bearer tokens are not ours.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Bearer tokens that are JSON Web Tokens signed by an identity provider (OAuth 2.0 access tokens,
 * OpenID Connect ID tokens), verified with the provider's published keys by `jose`: signature,
 * issuer, audience, expiry and not-before (with `clockTolerance`). A request without a bearer
 * token, or whose token is not a JWT, is anonymous (so {@link anyAuthentication} can try static
 * tokens next); a JWT that fails a check is answered `401` with an RFC 6750 `invalid_token`
 * challenge; a key set that cannot be fetched, `503`.
 *
 * @example
 * jwtAuthentication({
 *   jwksUrl: 'https://login.example/.well-known/jwks.json',
 *   issuer: 'https://login.example/',
 *   audience: 'https://orders.example/',
 * })
 * @see https://www.rfc-editor.org/rfc/rfc7519
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
export function jwtAuthentication(options: JwtAuthenticationOptions): Authentication {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('jwtAuthentication(): the options must be an object');
  const { issuer, audience, realm = 'halway' } = options;
  if (!options.jwksUrl) throw new TypeError('jwtAuthentication(): "jwksUrl" is required');
  if (!issuer || issuer.length === 0)
    throw new TypeError('jwtAuthentication(): "issuer" is required');
  if (!audience || audience.length === 0)
    throw new TypeError('jwtAuthentication(): "audience" is required');
  const keys = keySet(new URL(options.jwksUrl), options);
  const verification = {
    issuer: typeof issuer === 'string' ? issuer : [...issuer],
    audience: typeof audience === 'string' ? audience : [...audience],
    clockTolerance: options.clockTolerance ?? 30,
    algorithms: [...(options.algorithms ?? DEFAULT_ALGORITHMS)],
  };
  const toCaller = options.caller ?? defaultCaller;
  const challenge = `Bearer realm="${realm}"`;
  const refuse = (description: string, cause?: unknown) =>
    new HttpProblem('UNAUTHORIZED', {
      detail: `The bearer token was refused: ${description}`,
      headers: {
        'WWW-Authenticate': `${challenge}, error="invalid_token", error_description="${description}"`,
      },
      cause,
    });

  return readingHeaders({
    headers: ['authorization'],
    challenge,
    async authenticate(request) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!token || !COMPACT_JWS.test(token)) return undefined;
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(token, keys, verification));
      } catch (error) {
        if (error instanceof KeySetUnavailable)
          throw new HttpProblem('SERVICE_UNAVAILABLE', {
            detail: 'The identity provider’s keys could not be fetched to check the token',
            headers: { 'Retry-After': '5' },
            cause: error,
          });
        throw refuse(reasonOf(error), error);
      }
      const caller = toCaller(claims);
      if (!caller) throw refuse('it names no caller this service knows');
      return caller;
    },
  });
}

/** The default caller of a verified token: `sub` as id, scopes and roles as roles. */
function defaultCaller(claims: JWTPayload): Caller | undefined {
  if (typeof claims.sub !== 'string' || claims.sub === '') return undefined;
  const roles = new Set<string>();
  if (typeof claims.scope === 'string')
    for (const scope of claims.scope.split(' ')) if (scope) roles.add(scope);
  for (const list of [claims.scp, claims.roles])
    if (Array.isArray(list)) for (const role of list) if (typeof role === 'string') roles.add(role);
  return { id: claims.sub, roles: [...roles], claims };
}

/** The identity provider's keys could not be had: not the caller's fault, so never a 401. */
class KeySetUnavailable extends Error {}

// The key set, with its failures to fetch told apart from a token no key matches.
function keySet(url: URL, options: JwtAuthenticationOptions): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, {
    timeoutDuration: options.timeout ?? 5000,
    cacheMaxAge: options.cacheMaxAge ?? 600_000,
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys ||
        error instanceof errors.JOSENotSupported
      )
        throw error;
      throw new KeySetUnavailable(`${url.href} could not be fetched`, { cause: error });
    }
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `its "${error.claim}" claim is not accepted`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches it';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'its signature is not valid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
  return 'it is not a valid JWT';
}
