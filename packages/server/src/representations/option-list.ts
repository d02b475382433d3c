import type { HalDocument } from '@halway/hal';
import type { IncomingRequest } from '../http/incoming.js';
import type { ServiceRuntime } from '../resource/runtime.js';

const listPaths = new WeakMap<ServiceRuntime, ReadonlySet<string>>();

/**
 * Whether a request is for an option list of this service: a resource some template of the
 * service names in a property's `options.link`. Such a resource is asked for as plain
 * `application/json` by HAL-FORMS clients, which expect an array there.
 *
 * @see https://rwcbook.github.io/hal-forms/#options-element
 */
export function isOptionList(runtime: ServiceRuntime, request: IncomingRequest): boolean {
  let paths = listPaths.get(runtime);
  if (paths === undefined) {
    paths = optionLinkPaths(runtime);
    listPaths.set(runtime, paths);
  }
  return paths.has(request.path) || paths.has(request.baseUrl + request.path);
}

/**
 * The option list a document stands for, as the plain array HAL-FORMS suggests, read by the
 * rule clients read an option list by: its `inline` array, or the items of its first embedded
 * list without their HAL members. Undefined when it has neither: the document is sent as it is.
 */
export function optionListOf(document: HalDocument): unknown[] | undefined {
  if (Array.isArray(document.inline)) return document.inline as unknown[];
  const list = Object.values(document._embedded ?? {}).find(Array.isArray);
  return list?.map((item: HalDocument) => {
    const { _links: _l, _embedded: _e, _templates: _t, ...plain } = item;
    return plain;
  });
}

function optionLinkPaths(runtime: ServiceRuntime): ReadonlySet<string> {
  const paths = new Set<string>();
  for (const { actions } of runtime.resources.values()) {
    for (const action of actions) {
      for (const property of action.properties) {
        const href = property.options?.link?.href;
        // The path of the link only: a templated query ({?drink}) or a query does not change it.
        if (href !== undefined)
          paths.add(new URL(href.replace(/\{[^}]*\}/g, ''), 'http://x').pathname);
      }
    }
  }
  return paths;
}
