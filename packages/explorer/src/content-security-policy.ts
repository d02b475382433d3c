/**
 * The Content-Security-Policy the explorer's page and assets are sent with: everything from the
 * service's own origin and nothing else, no inline scripts or styles, no plugins, no `<base>`,
 * no framing by other origins, and Trusted Types enforced, so that no string can ever reach an
 * HTML sink such as `innerHTML`.
 *
 * @see https://www.w3.org/TR/CSP3/
 * @see https://w3c.github.io/trusted-types/dist/spec/
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');
