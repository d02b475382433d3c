import type { UriTemplateVariables } from '@halway/hal';

// Expressions whose operator builds the path (simple, reserved, label, path segment). Query and
// fragment expressions (`?`, `&`, `;`, `#`) are left out when a variable has no value; these
// would leave a hole in the path instead, and the request would go to another resource.
const PATH_OPERATORS = new Set(['', '+', '.', '/']);
const EXPRESSION = /\{([+#./;?&]?)([^}]*)\}/g;

/**
 * The variables of an RFC 6570 template that build its path and have no value in `variables`,
 * each once, in order of use: following the link without them would request the wrong URL.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6570#section-3.2.1
 */
export function missingPathVariables(
  template: string,
  variables: UriTemplateVariables = {},
): string[] {
  const missing = new Set<string>();
  for (const [, operator = '', list = ''] of template.matchAll(EXPRESSION)) {
    if (!PATH_OPERATORS.has(operator)) continue;
    for (const spec of list.split(',')) {
      const name = spec.replace(/(\*|:\d+)$/, '').trim();
      const value = variables[name];
      if (name && (value === undefined || value === null)) missing.add(name);
    }
  }
  return [...missing];
}
