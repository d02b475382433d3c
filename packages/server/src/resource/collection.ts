import type { HalLinkInput, JsonSchema } from '@halway/hal';
import { HttpProblem } from '../errors.js';
import { createValidators, type Validators } from '../validation/ajv.js';
import { compileInputValidator } from '../validation/input-validator.js';
import type { ActionInput } from './action.js';
import type { RequestContext } from './context.js';
import {
  Resource,
  type ResourceOptions,
  type Awaitable,
  type LinkMap,
  type ResourceOf,
} from './resource.js';
import { schemaToProperties } from '@halway/hal';

/** What a collection's `list` is asked for. */
export interface CollectionQuery<TFilter> {
  /** The page number, from 1. */
  page: number;
  /** Items per page. */
  size: number;
  /** Index of the first item of the page: `(page - 1) * size`. */
  offset: number;
  /** The validated search filters (empty without a `search` schema). */
  filter: TFilter;
}

/** One page of a collection: the items and how many there are in all. */
export interface CollectionPage<TItem> {
  /** The items of the page. */
  items: readonly TItem[];
  /** How many items match, across all pages. */
  total: number;
}

/** The state of a collection resource: the page asked for and what it holds. */
export interface CollectionState<TItem, TFilter>
  extends CollectionPage<TItem>, CollectionQuery<TFilter> {}

/** How a collection lists and represents its items. */
export interface CollectionOptions<TItem, TSchema> {
  /** Title of the collection. */
  title?: string;
  /** Who may list it; others get 401/403 and no link from the home document (see {@link ResourceOptions.allow}). */
  allow?: ResourceOptions<unknown, unknown>['allow'];
  /** The resource of one item; it needs a `params` option so each embedded item gets its `self`. */
  item: ResourceOf<TItem>;
  /** The relation items are embedded under (default `item`). */
  rel?: string;
  /** Lists one page of items. */
  list: (
    query: CollectionQuery<ActionInput<TSchema>>,
    context: RequestContext,
  ) => Awaitable<CollectionPage<TItem>>;
  /** Items per page unless the client asks for another `size` (default 20). */
  pageSize?: number;
  /** The largest `size` a client may ask for (default 100). */
  maxPageSize?: number;
  /** JSON Schema of the search filters: becomes a GET template called `search` and validates the query. */
  search?: TSchema;
  /** Title of the search template. */
  searchTitle?: string;
  /** Links besides self and the pagination links. */
  links?: (
    state: CollectionState<TItem, ActionInput<TSchema>>,
    context: RequestContext,
  ) => Awaitable<LinkMap>;
}

// Built on the first collection, not when the package is imported; shared by all collections.
let collectionValidators: Validators | undefined;

/**
 * Declares a paginated collection at `path`: its items embedded (each with its own links and
 * templates), `first`/`prev`/`next`/`last` links that keep the filters, page properties, and,
 * with a `search` schema, a GET template for searching. Query parameters `page` and `size`
 * choose the page; a bad one answers 400, a bad filter 422.
 *
 * @example
 * const orders = defineCollection('/orders', {
 *   item: order,
 *   rel: 'orders',
 *   list: ({ offset, size }) => ({ items: all.slice(offset, offset + size), total: all.length }),
 * });
 */
export function defineCollection<TItem, const TSchema extends JsonSchema | undefined = undefined>(
  path: string,
  options: CollectionOptions<TItem, TSchema>,
): Resource<CollectionState<TItem, ActionInput<TSchema>>, Record<string, string | undefined>> {
  const pageSize = options.pageSize ?? 20;
  const maxPageSize = options.maxPageSize ?? 100;
  if (
    !Number.isInteger(pageSize) ||
    !Number.isInteger(maxPageSize) ||
    pageSize < 1 ||
    maxPageSize < pageSize
  ) {
    throw new TypeError(
      'defineCollection(): pageSize and maxPageSize must be whole numbers with 1 <= pageSize <= maxPageSize',
    );
  }
  const rel = options.rel ?? 'item';
  const filterNames = options.search ? Object.keys(options.search.properties ?? {}) : [];
  if (filterNames.includes('page') || filterNames.includes('size')) {
    throw new TypeError(
      'defineCollection(): "page" and "size" are the pagination parameters; rename those filters',
    );
  }
  const searchProperties = options.search ? schemaToProperties(options.search) : [];
  const filterValidator = compileInputValidator(
    (collectionValidators ??= createValidators()),
    options.search ?? { type: 'object' },
    searchProperties,
    `defineCollection(${path})`,
  );
  type State = CollectionState<TItem, ActionInput<TSchema>>;

  const collection = new Resource<State, Record<string, string | undefined>>(path, {
    title: options.title,
    allow: options.allow,
    query: ['page', 'size', ...filterNames],
    async load(context) {
      const { page, size } = readPaging(context.query, pageSize, maxPageSize);
      const filterInput = Object.fromEntries(
        filterNames
          .filter((name) => context.query[name] !== undefined)
          .map((name) => [name, context.query[name]]),
      );
      const filtered = filterValidator.validate(filterInput, true);
      if (!filtered.valid) {
        throw new HttpProblem('INVALID_INPUT', {
          detail: 'The search filters are invalid',
          errors: filtered.problems,
          extensions: { template: 'search' },
        });
      }
      const query: CollectionQuery<ActionInput<TSchema>> = {
        page,
        size,
        offset: (page - 1) * size,
        filter: filtered.value as ActionInput<TSchema>,
      };
      const result = await options.list(query, context);
      return { ...query, items: result.items, total: result.total };
    },
    properties: (state) => ({
      page: state.page,
      pageSize: state.size,
      totalItems: state.total,
      totalPages: pageCount(state),
    }),
    async links(state, context) {
      const links: LinkMap = pageLinks(
        state,
        context.basePath + collection.path.route,
        filterNames,
      );
      return {
        ...links,
        ...(options.links ? await options.links(state, context) : {}),
      };
    },
    async embedded(state, context) {
      return {
        [rel]: await Promise.all(state.items.map((item) => context.represent(options.item, item))),
      };
    },
  });
  if (options.search) {
    collection.action('search', {
      method: 'GET',
      title: options.searchTitle ?? 'Search',
      target: collection,
      input: options.search,
    });
  }
  return collection;
}

function readPaging(
  query: RequestContext['query'],
  pageSize: number,
  maxPageSize: number,
): { page: number; size: number } {
  const page = wholeNumber(query.page, 1);
  const size = wholeNumber(query.size, pageSize);
  const errors = [];
  if (page === undefined || page < 1)
    errors.push({
      pointer: '/page',
      field: 'page',
      constraint: 'min' as const,
      detail: 'must be a whole number, at least 1',
    });
  if (size === undefined || size < 1 || size > maxPageSize) {
    errors.push({
      pointer: '/size',
      field: 'size',
      constraint: 'max' as const,
      detail: `must be a whole number from 1 to ${maxPageSize}`,
    });
  }
  if (errors.length > 0 || page === undefined || size === undefined) {
    throw new HttpProblem('INVALID_QUERY', { detail: 'The page asked for is invalid', errors });
  }
  return { page, size };
}

function wholeNumber(value: string | string[] | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}

function pageCount(state: { total: number; size: number }): number {
  return Math.max(1, Math.ceil(state.total / state.size));
}

function pageLinks(
  state: CollectionState<unknown, unknown>,
  path: string,
  filterNames: readonly string[],
): Record<string, HalLinkInput> {
  const last = pageCount(state);
  const hrefOf = (page: number) => {
    const query = new URLSearchParams({ page: String(page), size: String(state.size) });
    for (const name of filterNames) {
      const value = (state.filter as Record<string, unknown>)[name];
      for (const entry of Array.isArray(value) ? value : [value])
        if (entry !== undefined && entry !== null) query.append(name, String(entry));
    }
    return `${path}?${query.toString()}`;
  };
  const links: Record<string, HalLinkInput> = { first: hrefOf(1), last: hrefOf(last) };
  if (state.page > 1) links.prev = hrefOf(Math.min(state.page - 1, last));
  if (state.page < last) links.next = hrefOf(state.page + 1);
  return links;
}
