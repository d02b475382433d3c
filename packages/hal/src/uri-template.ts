import { parse } from 'uri-template';

/** A value a URI template variable may take. @see https://www.rfc-editor.org/rfc/rfc6570#section-2.3 */
export type UriTemplateValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | Array<string | number | boolean>
  | Record<string, string | number | boolean>;

/** Variables for expanding a URI template. */
export type UriTemplateVariables = Record<string, UriTemplateValue>;

type ParsedTemplate = ReturnType<typeof parse>;

const parsed = new Map<string, ParsedTemplate>();
const CACHE_LIMIT = 500;

function parseTemplate(template: string): ParsedTemplate {
  let result = parsed.get(template);
  if (result) return result;
  try {
    result = parse(template);
  } catch (error) {
    throw new TypeError(
      `expandUriTemplate(): ${JSON.stringify(template)} is not an RFC 6570 URI template: ${(error as Error).message}`,
      { cause: error },
    );
  }
  // Templates come from a handful of documents; a small bound keeps hostile input from growing it.
  if (parsed.size >= CACHE_LIMIT) parsed.clear();
  parsed.set(template, result);
  return result;
}

/**
 * Expands an RFC 6570 URI template (all four levels).
 *
 * @example expandUriTemplate('/orders{?page,size}', { page: 2 }) // '/orders?page=2'
 * @see https://www.rfc-editor.org/rfc/rfc6570
 */
export function expandUriTemplate(template: string, variables: UriTemplateVariables = {}): string {
  const defined: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (value !== undefined && value !== null) defined[name] = value;
  }
  return parseTemplate(template).expand(defined);
}

/**
 * The names of the variables a URI template uses, in order of first use.
 *
 * @example uriTemplateVariables('/orders/{id}{?fields*}') // ['id', 'fields']
 */
export function uriTemplateVariables(template: string): string[] {
  const names = new Set<string>();
  for (const part of parseTemplate(template).ast.parts) {
    if (part.type === 'expression') for (const variable of part.variables) names.add(variable.name);
  }
  return [...names];
}

/** Whether a string contains RFC 6570 expressions, i.e. is a template rather than a URI. */
export function isUriTemplate(value: string): boolean {
  return /\{[^}]*\}/.test(value);
}
