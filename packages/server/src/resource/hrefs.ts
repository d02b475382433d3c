import type { HalLink, HalLinkInput } from '@halway/hal';
import { absoluteHref, absoluteLink } from '../links/absolute.js';

/**
 * Where a document's hrefs point when rendered: relative as the resource gives them, or made
 * absolute with `origin`, against `base` for path-relative ones (see `absoluteDocument`).
 */
export interface Hrefs {
  origin: string;
  base: string;
}

/** A link as the document shows it: absolute when rendering with an origin. */
export function hrefTo(link: HalLinkInput, hrefs: Hrefs | undefined): HalLinkInput {
  const href = typeof link === 'string' ? link : (link as Partial<HalLink> | undefined)?.href;
  // A link without an href is left for the builder to refuse, with its own message.
  if (hrefs === undefined || typeof href !== 'string' || href === '') return link;
  return typeof link === 'string'
    ? absoluteHref(link, hrefs.origin, hrefs.base)
    : absoluteLink(link, hrefs.origin, hrefs.base);
}
