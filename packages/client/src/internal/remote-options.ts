import {
  HAL_JSON,
  JSON_MEDIA_TYPE,
  expandUriTemplate,
  optionEntries,
  type HalFormsProperty,
  type ResolvedTemplate,
  type UriTemplateVariables,
} from '@halway/hal';
import type { RequestOptions } from '../options.js';
import { readBody } from '../representations.js';
import { contextOf, type ClientCore } from './core.js';
import type { HttpResult } from './exchange.js';

/**
 * The option lists a form's fields fetch from their options links: each URL once per form
 * (a failed fetch is tried again next time), through the client's cache and middlewares, so the
 * options origin gets its own credentials and no one else's.
 */
export class RemoteOptionLists {
  readonly #core: ClientCore;
  readonly #template: ResolvedTemplate;
  readonly #lists = new Map<string, Promise<unknown[]>>();

  /** Creates the lists of one form. */
  constructor(core: ClientCore, template: ResolvedTemplate) {
    this.#core = core;
    this.#template = template;
  }

  /** The entries of a field's options link; a templated link is expanded with `vars`. */
  entries(
    field: HalFormsProperty,
    vars: UriTemplateVariables,
    options: RequestOptions,
  ): Promise<unknown[]> {
    const link = field.options?.link;
    if (!link) return Promise.resolve([]);
    const href = link.templated
      ? new URL(expandUriTemplate(link.href, vars), this.#template.base).href
      : link.href;
    let entries = this.#lists.get(href);
    if (!entries) {
      entries = this.#fetch(href, link.type, options);
      this.#lists.set(href, entries);
      entries.catch(() => this.#lists.delete(href));
    }
    return entries;
  }

  async #fetch(href: string, type: string | undefined, options: RequestOptions) {
    const headers = new Headers({ accept: optionsAccept(type) });
    const result = await this.#core.transport.send(
      { method: 'GET', url: href, headers },
      { ...contextOf(options), template: this.#template.name },
    );
    if (result.status >= 400) throw this.#core.errorFrom(result);
    return readRemoteOptions(result);
  }
}

/**
 * The `Accept` header for an options link: the type the link names first, then JSON and HAL.
 *
 * @see https://rwcbook.github.io/hal-forms/#options-element
 */
export function optionsAccept(type: string | undefined): string {
  const types = [...new Set([type, JSON_MEDIA_TYPE, HAL_JSON].filter(Boolean) as string[])];
  return types.map((entry, index) => (index === 0 ? entry : `${entry};q=0.9`)).join(', ');
}

/**
 * The entries of an option list fetched from an options link: a JSON array (of values or of
 * objects read with `promptField`/`valueField`), an object with an `inline` array, or a HAL
 * collection, whose first embedded list is taken. Anything else yields no entries.
 */
export function readRemoteOptions(result: HttpResult): unknown[] {
  const body = readBody(result.headers.get('content-type'), result.body, result.status);
  return body.kind === 'json' ? optionEntries(body.value) : [];
}
