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
  /**
   * The version of the home document, from which its ETags are made: one more whenever its
   * links, properties or forms change (a release number will do). Without it, the ETag is a
   * digest of the document.
   */
  version?: string | number;
  /**
   * Declares that the home document depends on its `version`, the caller and the URL only (no
   * action guard reads the clock or other documents): it is then rendered once per version,
   * media type and caller, as a resource's `cacheByVersion`. Needs `version`.
   */
  cacheByVersion?: boolean;
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
  const { version } = options;
  if (options.cacheByVersion === true && version === undefined)
    throw new TypeError('defineHome(): cacheByVersion needs a version');
  const home = new Resource<Record<string, never>, Record<string, never>>('/', {
    title: options.title,
    cacheControl: options.cacheControl,
    ...(version === undefined ? {} : { version: () => version }),
    cacheByVersion: options.cacheByVersion,
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
