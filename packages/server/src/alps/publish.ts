import type { HalLink, HalLinkInput } from '@halway/hal';
import type { Request, RequestHandler, Response } from 'express';
import type { CompiledResource } from '../resource/compile.js';
import type { AnyResource } from '../resource/resource.js';
import { buildProfile } from './profile.js';
import { profileIds } from './profile-ids.js';

/** Where every service publishes its ALPS profile, below the path it is mounted at. */
export const PROFILE_PATH = '/profile';

/** The media type of ALPS documents in JSON. */
export const ALPS_MEDIA_TYPE = 'application/alps+json';

// The descriptor id of every resource of every service, and the links declared statically
// (a home document's), so that representations can link their profile without re-deriving it.
const descriptorIds = new WeakMap<AnyResource, string>();
const declaredLinks = new WeakMap<AnyResource, Record<string, AnyResource | HalLinkInput>>();

/** Records the links a resource declares whatever its state (a home document's), for its profile. */
export function declareStaticLinks(
  resource: AnyResource,
  links: Record<string, AnyResource | HalLinkInput> | undefined,
): void {
  if (links) declaredLinks.set(resource, links);
}

/** The links a resource declared statically (the home document's `links`), by rel. */
export function staticLinksOf(
  resource: AnyResource,
): Readonly<Record<string, AnyResource | HalLinkInput>> {
  return declaredLinks.get(resource) ?? {};
}

/**
 * The handler answering `GET /profile` with the service's ALPS profile, built once from its
 * declarations. It also names each resource's descriptor, for {@link profileLink}.
 */
export function profileHandler(
  resources: readonly CompiledResource[],
  title: string | undefined,
): RequestHandler {
  const taken = resources.find(({ resource }) => resource.path.route === PROFILE_PATH);
  if (taken)
    throw new TypeError(`createService(): ${PROFILE_PATH} is where the ALPS profile is served`);
  const ids = profileIds(resources.map(({ resource }) => resource));
  for (const [resource, id] of ids) descriptorIds.set(resource, id);
  const body = JSON.stringify(
    buildProfile({ title, resources, ids, staticLinks: (resource) => declaredLinks.get(resource) }),
  );
  return (request: Request, response: Response, next) => {
    if (request.path !== PROFILE_PATH || (request.method !== 'GET' && request.method !== 'HEAD'))
      return next();
    response.set('Cache-Control', 'max-age=300');
    response.type(ALPS_MEDIA_TYPE).send(body);
  };
}

/** The RFC 6906 `profile` link of a resource's representations: its descriptor in the service's profile. */
export function profileLink(resource: AnyResource, basePath: string): HalLink | undefined {
  const id = descriptorIds.get(resource);
  return id === undefined
    ? undefined
    : { href: `${basePath}${PROFILE_PATH}#${id}`, type: ALPS_MEDIA_TYPE };
}
