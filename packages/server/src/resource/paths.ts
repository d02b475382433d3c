/** The names of the `:name` segments of a resource path, as a union of string literals. */
export type PathParamNames<TPath extends string> =
  TPath extends `${string}:${infer Name}/${infer Rest}`
    ? Name | PathParamNames<`/${Rest}`>
    : TPath extends `${string}:${infer Name}`
      ? Name
      : never;

/**
 * The parameters that address a resource: its path segments (always present) and its query
 * parameters (optional).
 */
export type ResourceParams<TPath extends string, TQuery extends string = never> = {
  [Name in PathParamNames<TPath>]: string;
} & { [Name in TQuery]?: string };

/** A resource path, checked and taken apart once at start-up. */
export interface ParsedPath {
  /** The path as declared, e.g. `/orders/:id`; also the Express route. */
  route: string;
  /** Names of the path parameters, in order. */
  names: string[];
  /** The path as an RFC 6570 template, e.g. `/orders/{id}`. */
  template: string;
  /** Literal segments first: used to order routes so `/orders/search` wins over `/orders/:id`. */
  specificity: number[];
}

const LITERAL = /^[A-Za-z0-9._~-]+$/;
const PARAMETER = /^:([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * Checks and parses a resource path made of literal segments and `:name` parameters.
 * Throws a TypeError naming `caller` for anything else.
 */
export function parsePath(path: string, caller: string): ParsedPath {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(`${caller}: the path must start with "/", got ${JSON.stringify(path)}`);
  }
  const names: string[] = [];
  const templateSegments: string[] = [];
  const specificity: number[] = [];
  for (const segment of path === '/' ? [] : path.slice(1).split('/')) {
    const parameter = PARAMETER.exec(segment);
    if (parameter) {
      if (names.includes(parameter[1]!))
        throw new TypeError(`${caller}: parameter ":${parameter[1]}" appears twice in ${path}`);
      names.push(parameter[1]!);
      templateSegments.push(`{${parameter[1]}}`);
      specificity.push(0);
    } else if (LITERAL.test(segment)) {
      templateSegments.push(segment);
      specificity.push(1);
    } else {
      throw new TypeError(
        `${caller}: segment ${JSON.stringify(segment)} of ${path} is neither a literal nor a :parameter`,
      );
    }
  }
  return { route: path, names, template: `/${templateSegments.join('/')}`, specificity };
}

/** Joins a resource path and an action's sub-path (`/orders/:id` + `/payment`). */
export function joinPaths(base: string, sub: string): string {
  if (base === '/') return sub;
  return base.endsWith('/') ? base.slice(0, -1) + sub : base + sub;
}

/** Orders routes so that, segment by segment, literals come before parameters. */
export function compareSpecificity(a: ParsedPath, b: ParsedPath): number {
  for (let i = 0; i < Math.max(a.specificity.length, b.specificity.length); i++) {
    const difference = (b.specificity[i] ?? -1) - (a.specificity[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}
