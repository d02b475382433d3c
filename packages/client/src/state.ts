import {
  expandLink,
  filterLinks,
  parseLinkHeader,
  type HalDocument,
  type HalReader,
  type LinkSelector,
  type ResolvedLink,
  type ResolvedTemplate,
  type UriTemplateVariables,
} from '@halway/hal';
import { FormNotFoundError, LinkNotFoundError, MissingVariablesError } from './errors.js';
import { Follower, type FollowOptions } from './follower.js';
import { Form } from './form.js';
import type { ClientCore } from './internal/core.js';
import { embeddedUrl } from './internal/embedded-pointer.js';
import { missingPathVariables } from './internal/required-variables.js';
import type { Resource } from './resource.js';
import type {
  DefaultFormOf,
  FormNameOf,
  FormOf,
  LinkTargetOf,
  PropertiesOf,
  RelOf,
  ResourceType,
} from './typing.js';

/**
 * Where a state came from: a response (`network`), the HTTP cache without a request (`cache`),
 * the cache after a 304 (`revalidated`), another resource's `_embedded` (`embedded`), or the
 * response to a form submission (`submission`).
 */
export type StateSource = 'network' | 'cache' | 'revalidated' | 'embedded' | 'submission';

/** What a state knows besides its document. */
export interface StateInit {
  /** Status of the response. */
  status: number;
  /** Headers of the response. */
  headers: Headers;
  /** Where the state came from. */
  source: StateSource;
  /** The link followed to reach it. */
  via?: ResolvedLink | undefined;
  /** Its URL when it has no `self`: an embedded resource's URL pointing into its parent. */
  url?: string | undefined;
}

/**
 * The state of a resource at one moment: its properties, its links (from `_links` and from the
 * `Link` header, every href absolute), its embedded resources and its forms. States do not
 * change; loading a resource again gives a new one.
 */
export class State<T extends ResourceType = ResourceType> {
  /** The resource's URL: its `self`, else the URL it was fetched from (or points into). */
  readonly url: string;
  /** Status of the response this state came from (200 for embedded states). */
  readonly status: number;
  /** Headers of that response (empty for embedded states). */
  readonly headers: Headers;
  /** The response's `ETag`, which conditional writes send back as `If-Match`. */
  readonly etag: string | undefined;
  /** Where this state came from. */
  readonly source: StateSource;
  /** The link that was followed to reach this state, if any. */
  readonly via: ResolvedLink | undefined;
  readonly #core: ClientCore;
  readonly #reader: HalReader;
  readonly #headerLinks: ResolvedLink[];

  /** Wraps a read document. States are made by the client; there is no need to build one. */
  constructor(core: ClientCore, reader: HalReader, init: StateInit) {
    this.#core = core;
    this.#reader = reader;
    this.url = reader.self ?? init.url ?? reader.base;
    this.status = init.status;
    this.headers = init.headers;
    this.etag = init.headers.get('etag') ?? undefined;
    this.source = init.source;
    this.via = init.via;
    const link = init.headers.get('link');
    this.#headerLinks = link ? parseLinkHeader(link, reader.base) : [];
  }

  /** The document as received. */
  get document(): HalDocument {
    return this.#reader.document;
  }

  /** The resource's own properties (`_links`, `_embedded` and `_templates` left out). */
  get properties(): PropertiesOf<T> {
    return this.#reader.properties as PropertiesOf<T>;
  }

  /** The relations this state has links for, from `_links` and the `Link` header. */
  rels(): string[] {
    return [...new Set([...this.#reader.rels(), ...this.#headerLinks.map((link) => link.rel)])];
  }

  /** The links of a relation (or all links), `_links` first, then the `Link` header's. */
  links(rel?: string, selector?: LinkSelector): ResolvedLink[] {
    const header =
      rel === undefined ? this.#headerLinks : this.#headerLinks.filter((link) => link.rel === rel);
    return [...this.#reader.links(rel, selector), ...filterLinks(header, selector)];
  }

  /** The first link of a relation that matches `selector`, or undefined. */
  link(rel: string, selector?: LinkSelector): ResolvedLink | undefined {
    return this.links(rel, selector)[selector?.index ?? 0];
  }

  /** Whether the state has a link, or an embedded resource, for this relation. */
  has(rel: string): boolean {
    return this.links(rel).length > 0 || this.#reader.embedded(rel).length > 0;
  }

  /** The relations resources are embedded under. */
  embeddedRels(): string[] {
    return this.#reader.embeddedRels();
  }

  /**
   * The embedded resources of a relation, as snapshots: each resolves its links against its own
   * `self`. A snapshot may be partial; it never replaces the canonical state in the cache.
   */
  embedded<TRel extends RelOf<T>>(rel: TRel): State<LinkTargetOf<T, TRel>>[] {
    return this.#snapshots(rel);
  }

  /** The HAL-FORMS templates, in document order. */
  templates(): ResolvedTemplate[] {
    return this.#reader.templates();
  }

  /** Whether a template exists (the default one when `name` is omitted). */
  hasForm(name?: string): boolean {
    return this.#reader.template(name) !== undefined;
  }

  /**
   * A form from one of the state's templates: by name, or the default one (the template called
   * `default`, else the first). Throws a `FormNotFoundError` listing the templates there are.
   *
   * @see https://rwcbook.github.io/hal-forms/#_the_code__templates_code_element
   */
  form(): Form<DefaultFormOf<T>>;
  form<TName extends FormNameOf<T>>(name: TName): Form<FormOf<T, TName>>;
  form(name?: string): Form {
    const template = this.#reader.template(name);
    if (!template) {
      const available = this.templates().map((entry) => entry.name);
      throw new FormNotFoundError(name, this.url, available);
    }
    return new Form(this.#core, template, this as State);
  }

  /** Follows a relation from this state: a lazy chain that resolves to the target resource. */
  follow<TRel extends RelOf<T>>(
    rel: TRel,
    options: FollowOptions = {},
  ): Follower<LinkTargetOf<T, TRel>> {
    return new Follower(async () => this.resolve(rel, options));
  }

  /**
   * Every resource a relation leads to: its links, or else its embedded resources (an empty
   * list for a relation that is present but empty). Throws a `LinkNotFoundError` for a relation
   * the state does not have at all.
   */
  followAll<TRel extends RelOf<T>>(
    rel: TRel,
    options: Omit<FollowOptions, 'index'> = {},
  ): Resource<LinkTargetOf<T, TRel>>[] {
    const links = this.links(rel, options);
    if (links.length > 0) return links.map((link) => this.#resourceOf(link, options.vars));
    const known = this.rels().includes(rel) || this.embeddedRels().includes(rel);
    if (!known) this.#notFound(rel);
    if (hasSelector(options)) return [];
    return this.#snapshots(rel).map((state) =>
      this.#core.resource<LinkTargetOf<T, TRel>>(state.url, { snapshot: state }),
    );
  }

  /**
   * The resource a relation leads to, found now: the selected link (a templated one expanded
   * with `vars`), or an embedded resource when the relation has no link. A deprecated link is
   * reported. Throws a `LinkNotFoundError` listing the relations there are, and a
   * `MissingVariablesError` for a templated link whose path variables `vars` leaves out.
   */
  resolve<TRel extends RelOf<T>>(
    rel: TRel,
    options: FollowOptions = {},
  ): Resource<LinkTargetOf<T, TRel>> {
    const link = this.links(rel, options)[options.index ?? 0];
    if (link) return this.#resourceOf(link, options.vars);
    const item = hasSelector(options) ? undefined : this.#snapshots(rel)[options.index ?? 0];
    if (item) return this.#core.resource<LinkTargetOf<T, TRel>>(item.url, { snapshot: item });
    return this.#notFound(rel);
  }

  /** Whether the server said (in a link hint) that writes to this resource need `If-Match`. */
  get requiresPrecondition(): boolean {
    const hinted = (link: ResolvedLink | undefined) =>
      link?.hints?.['precondition-req']?.includes('etag') === true;
    return hinted(this.via) || hinted(this.link('self'));
  }

  /** The URL this state's relative links resolve against: where its document came from. */
  get base(): string {
    return this.#reader.base;
  }

  #snapshots(rel: string): State[] {
    return this.#reader.embedded(rel).map(
      (reader, index) =>
        new State(this.#core, reader, {
          status: 200,
          headers: new Headers(),
          source: 'embedded',
          url: reader.self ? undefined : embeddedUrl(this.url, rel, index),
        }),
    );
  }

  #resourceOf<TTarget extends ResourceType>(
    link: ResolvedLink,
    vars: UriTemplateVariables | undefined,
  ): Resource<TTarget> {
    const missing = link.templated ? missingPathVariables(link.href, vars) : [];
    if (missing.length > 0) throw new MissingVariablesError(link.rel, link.href, this.url, missing);
    const href = expandLink(link, vars);
    this.#core.reportDeprecation(link, href, this.url);
    const snapshot = this.#snapshots(link.rel).find((state) => state.url === href);
    return this.#core.resource<TTarget>(href, { snapshot, via: link });
  }

  #notFound(rel: string): never {
    const available = [...new Set([...this.rels(), ...this.embeddedRels()])].filter(
      (name) => name !== 'curies',
    );
    throw new LinkNotFoundError(rel, this.url, available);
  }
}

function hasSelector(options: FollowOptions): boolean {
  return options.name !== undefined || options.type !== undefined || options.profile !== undefined;
}
