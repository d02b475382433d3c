import crypto from 'node:crypto';

/**
 * The base64url digest of `text` with `algorithm`: through `crypto.hash` (Node 20.12+), which
 * digests in one call, without a Hash object per response or request.
 */
export const digestText: (algorithm: 'sha1' | 'sha256', text: string) => string =
  typeof crypto.hash === 'function'
    ? (algorithm, text) => crypto.hash(algorithm, text, 'base64url')
    : (algorithm, text) => crypto.createHash(algorithm).update(text).digest('base64url');
