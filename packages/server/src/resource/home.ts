import type { HalLink, HalLinkInput } from '@halway/hal';
import { declareStaticLinks } from '../alps/publish.js';
import { Resource, type AnyResource } from './resource.js';

/** The entry point of a service. */
export interface HomeOptions {
  /** The service's title. */
  title?: string;
  /** `Cache-Control` of the home document (e.g. `max-age=60`); revalidated every time without it. */
  cacheControl?: string;
  /** Properties of the home document (a description, a version). */
  properties?: Record<string, unknown>;
  /**
   * The links of the home document by relation. A resource without parameters becomes a plain
   * link; one with parameters a templated link (`/orders/{id}`, `/payments{?order}`) that
   * clients and other services expand instead of knowing paths.
   */
  links?: Record<string, AnyResource | HalLinkInput>;
}

/**
 * Declares the home document at `/`: the service's entry point, linking to its collections and
 * publishing the templated links others may expand. Add templates with `.action()`.
 *
 * @example
 * const home = defineHome({ title: 'Orders', links: { orders, order } })
 *   .action('place-order', { method: 'POST', input: placeOrder, handle: ... });
 */
export function defineHome(
  options: HomeOptions = {},
): Resource<Record<string, never>, Record<string, never>> {
  const home = new Resource<Record<string, never>, Record<string, never>>('/', {
    title: options.title,
    cacheControl: options.cacheControl,
    properties: () => ({
      ...(options.title === undefined ? {} : { title: options.title }),
      ...options.properties,
    }),
    links: (_state, context) => {
      const links: Record<string, HalLinkInput> = {};
      for (const [rel, target] of Object.entries(options.links ?? {})) {
        if (!(target instanceof Resource)) links[rel] = target;
        else if (target.readableBy(context.caller)) links[rel] = linkTo(target, context.basePath);
      }
      return links;
    },
  });
  declareStaticLinks(home, options.links);
  return home;
}

function linkTo(resource: AnyResource, basePath: string): HalLink {
  const template = resource.uriTemplate();
  const link: HalLink = { href: basePath + template };
  if (template.includes('{')) link.templated = true;
  if (resource.options.title !== undefined) link.title = resource.options.title;
  return link;
}
