import { expandLink } from '@halway/hal';
import type { HalwayClient, State } from '@halway/client';
import { isAlpsDocument, readAlpsKinds } from './alps.js';
import { MapBuilder } from './builder.js';
import { originAllowlist } from './origins.js';
import { sampleValues } from './sample-values.js';
import { IGNORED_RELS, documentUrl, isDocumentPart, pathShape } from './shapes.js';

/** Bounds and scope of a crawl. */
export interface CrawlLimits {
  /** Origin patterns that may be requested (default: every port of the entry's host). */
  origins?: readonly string[];
  /** How many links away from the entry to go (default 8). */
  maxDepth?: number;
  /** How many resources (distinct URLs) to read at most (default 300). */
  maxDocuments?: number;
  /** Give up after this many milliseconds in all (default 120 000). */
  timeLimit?: number;
}

/** A resource as last seen: its state id and how far it is from the entry. */
export interface Seen {
  /** The state id in the map. */
  id: string;
  /** The state as read. */
  state: State;
  /** Links from the entry. */
  depth: number;
}

const ALPS_ACCEPT = 'application/alps+json, application/json;q=0.9';

/**
 * Reads resources into a {@link MapBuilder}: each one's service (from its ALPS profile, read
 * once per profile), kind, state and the transitions to what its links and safe forms lead to.
 * It never sends an unsafe request; {@link exerciseWorkflow} does that on top of it.
 */
export class Crawler {
  /** What has been found. */
  readonly builder: MapBuilder;
  /** Every resource read, by URL, as last seen. */
  readonly seen = new Map<string, Seen>();
  readonly #client: HalwayClient;
  readonly #allowed: (url: string) => boolean;
  readonly #limits: Required<Omit<CrawlLimits, 'origins'>>;
  readonly #started = Date.now();
  readonly #profiles = new Map<string, Promise<string | undefined>>();
  readonly #serviceOfOrigin = new Map<string, string>();
  readonly #expanded = new Set<string>();
  // Resources read in a state not yet expanded, breadth first.
  readonly #pending: string[] = [];
  readonly #onProgress: () => void;

  /** A crawler starting at `entry`, requesting through `client` (with its credentials). */
  constructor(client: HalwayClient, entry: string, limits: CrawlLimits, onProgress: () => void) {
    this.#client = client;
    this.builder = new MapBuilder(entry);
    this.#allowed = originAllowlist(entry, limits.origins);
    this.#limits = {
      maxDepth: limits.maxDepth ?? 8,
      maxDocuments: limits.maxDocuments ?? 300,
      timeLimit: limits.timeLimit ?? 120_000,
    };
    this.#onProgress = onProgress;
  }

  /** Whether the crawl still has time. */
  get withinLimits(): boolean {
    return Date.now() - this.#started < this.#limits.timeLimit;
  }

  /** Whether a URL may be read: allowed, in time, and known or within the count of resources. */
  mayRead(url: string): boolean {
    return (
      this.allowed(url) &&
      this.withinLimits &&
      (this.seen.has(url) || this.seen.size < this.#limits.maxDocuments)
    );
  }

  /** Whether a URL may be requested. */
  allowed(url: string): boolean {
    return this.#allowed(url);
  }

  /** Reads every resource reachable from `start` by links and safe forms, breadth first. */
  async crawl(start: string, depth = 0): Promise<void> {
    if (!this.seen.has(start)) await this.load(start, depth);
    this.#pending.push(start);
    for (let url = this.#pending.shift(); url !== undefined; url = this.#pending.shift()) {
      await this.expand(url);
    }
  }

  /** Reads one resource (from the server, revalidating) and records it; undefined on failure. */
  async load(url: string, depth: number, quiet = false): Promise<Seen | undefined> {
    if (!this.mayRead(url)) return undefined;
    try {
      const state = await this.#client.go(url).get({ cache: 'no-cache' });
      this.builder.countDocument();
      return await this.record(state, depth);
    } catch (error) {
      if (!quiet) this.builder.addError(url, (error as Error).message);
      return undefined;
    } finally {
      this.#onProgress();
    }
  }

  /** Records a state (and the resources embedded in it) and returns what was seen. */
  async record(state: State, depth: number): Promise<Seen> {
    const id = this.builder.observe({
      url: state.url,
      service: await this.#serviceOf(state),
      kind: kindOf(state),
      properties: state.properties,
      links: state.links(),
      embedded: state.embeddedRels(),
      forms: state.templates().map((template) => ({
        name: template.name,
        title: template.title,
        method: template.method,
        properties: template.properties,
      })),
    });
    const seen = { id, state, depth };
    if (this.seen.get(state.url)?.id !== id) this.#pending.push(state.url);
    this.seen.set(state.url, seen);
    for (const rel of state.embeddedRels()) {
      for (const item of state.embedded(rel)) {
        // An item with no URL of its own (or a fragment self) is part of this document.
        if (!item.document._links?.self || isDocumentPart(item.url)) continue;
        const child = await this.record(item, depth + 1);
        this.builder.addTransition({ from: id, to: child.id, type: 'link', name: rel, safe: true });
      }
    }
    return seen;
  }

  /**
   * Follows the links and safe forms of a resource as last seen, once per state it was in; what
   * they lead to is expanded in turn by {@link crawl}.
   */
  async expand(url: string): Promise<void> {
    const seen = this.seen.get(url);
    if (!seen || this.#expanded.has(`${seen.id} ${url}`)) return;
    this.#expanded.add(`${seen.id} ${url}`);
    const kind = this.builder.kindOf(seen.id);
    for (const link of seen.state.links()) {
      if (IGNORED_RELS.has(link.rel)) continue;
      // A templated href is resolved only when expanded.
      const expanded = link.templated ? expandLink(link, {}) : link.href;
      // A link to a part of this document (an embedded item's fragment self) is no transition.
      const href = documentUrl(expanded);
      if (isDocumentPart(expanded) && href === documentUrl(url)) continue;
      if (!this.allowed(href)) continue;
      let target = this.seen.get(href);
      if (!target && seen.depth < this.#limits.maxDepth) {
        // A template may need variables the crawler does not have: a refusal is no error.
        target = await this.load(href, seen.depth + 1, link.templated === true);
      }
      const to = target?.id ?? this.builder.declaredTarget(kind, link.rel);
      this.builder.addTransition({
        from: seen.id,
        ...(to ? { to } : {}),
        type: 'link',
        name: link.rel,
        ...(link.title ? { title: link.title } : {}),
        safe: true,
      });
    }
    for (const template of seen.state.templates()) {
      const safe = template.method.toUpperCase() === 'GET';
      let to: string | undefined;
      if (safe && this.mayRead(template.target)) {
        try {
          const form = seen.state.form(template.name);
          const values = sampleValues(form.fields, await choicesOf(form));
          const result = await form.submit(values, { cache: 'no-cache' });
          this.builder.countDocument();
          to = (await this.record(result, seen.depth + 1)).id;
        } catch (error) {
          this.builder.addError(template.target, (error as Error).message);
        }
      }
      to ??= this.builder.declaredTarget(kind, template.name);
      this.builder.addTransition({
        from: seen.id,
        ...(to ? { to } : {}),
        type: 'form',
        name: template.name,
        title: template.title,
        safe,
        method: template.method.toUpperCase(),
      });
    }
  }

  // The service a resource belongs to: its profile's title, else its origin's service.
  async #serviceOf(state: State): Promise<string> {
    const origin = new URL(state.url).origin;
    const profile = state.link('profile')?.href;
    let service: string | undefined;
    if (profile && this.allowed(profile)) {
      const document = profile.split('#')[0]!;
      let pending = this.#profiles.get(document);
      if (!pending) {
        pending = this.#readProfile(document, origin);
        this.#profiles.set(document, pending);
      }
      service = await pending;
    }
    service ??= this.#serviceOfOrigin.get(origin) ?? new URL(state.url).host;
    if (!this.#serviceOfOrigin.has(origin)) this.#serviceOfOrigin.set(origin, service);
    this.builder.addService({ id: service, origin, ...(profile ? { profile } : {}) });
    return service;
  }

  async #readProfile(url: string, origin: string): Promise<string | undefined> {
    try {
      const response = await this.#client.fetch(url, { headers: { accept: ALPS_ACCEPT } });
      this.builder.countDocument();
      const document: unknown = await response.json();
      if (!response.ok || !isAlpsDocument(document)) return undefined;
      const service = document.alps.title ?? new URL(origin).host;
      this.builder.addService({ id: service, origin, profile: url });
      this.builder.declare(service, readAlpsKinds(document));
      return service;
    } catch (error) {
      this.builder.addError(url, (error as Error).message);
      return undefined;
    }
  }
}

/** The choices of every field with options (remote lists fetched), for sample values. */
export async function choicesOf(
  form: ReturnType<State['form']>,
): Promise<Record<string, Awaited<ReturnType<typeof form.choices>>>> {
  const choices: Record<string, Awaited<ReturnType<typeof form.choices>>> = {};
  for (const field of form.fields) {
    if (field.options) choices[field.name] = await form.choices(field.name);
  }
  return choices;
}

// The kind: the fragment of the profile link (`/profile#order`), else the path's shape.
function kindOf(state: State): string {
  const profile = state.link('profile')?.href;
  const fragment = profile?.split('#')[1];
  return fragment ? decodeURIComponent(fragment) : pathShape(state.url);
}
