import { absoluteHref } from '../links/absolute.js';
import type { CompiledAction } from './compile.js';
import type { RequestContext } from './context.js';
import type { Hrefs } from './hrefs.js';
import { joinPaths } from './paths.js';

/**
 * Where an action's form is sent, when not to the document's own `self` (undefined then).
 * `self` is the document's `self`, already absolute when rendering with `hrefs`.
 */
export function targetOf(
  action: CompiledAction,
  context: RequestContext<Record<string, string | undefined>>,
  self: string,
  hrefs: Hrefs | undefined,
): string | undefined {
  const { options } = action.declaration;
  if ('target' in options) {
    // The target's path template only: the form's other values travel in the query, as for any GET form.
    const target =
      typeof options.target === 'string'
        ? options.target
        : context.basePath + options.target.path.template;
    return hrefs === undefined ? target : absoluteHref(target, hrefs.origin, hrefs.base);
  }
  if (action.subPath === '') return undefined;
  // The sub-path goes before the query: a resource addressed by its query keeps it.
  const query = self.indexOf('?');
  return query === -1
    ? joinPaths(self, action.subPath)
    : joinPaths(self.slice(0, query), action.subPath) + self.slice(query);
}
