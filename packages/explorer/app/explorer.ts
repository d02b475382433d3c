import type { FormRequest, ResolvedTemplate } from '@halway/hal';
import type { ExplorerActions, Settings, Step, SubmitResult } from './context.js';
import { CredentialStore } from './credentials/store.js';
import { confirmDialog } from './forms/confirm.js';
import { IdempotencyKeys } from './forms/idempotency.js';
import { fetchOptionList } from './forms/remote-options.js';
import { send, type Exchange } from './http/exchange.js';
import { arrive, hasHandoff, TRAIL_STORAGE_KEY } from './nav/arrival.js';
import { handOverUrl, readHandedForm } from './nav/hand-over.js';
import { classifyTarget, withoutFragment, type Target } from './nav/targets.js';
import { submitForm, type SubmissionHost } from './submission.js';
import { readTrail, withHandoff } from './trail/codec.js';
import { trailMap } from './trail/trail-map.js';
import {
  addHop,
  completeHop,
  currentHop,
  emptyTrail,
  hueAt,
  moveTo,
  originHues,
  type Trail,
} from './trail/trail.js';
import { credentialsPanel } from './view/credentials-panel.js';
import { showDocsPane } from './view/docs-pane.js';
import { h, replaceChildren, setHue, type Child } from './view/dom.js';
import { createLayout, showAddress, type Layout } from './view/layout.js';
import { resourceView, type ResourcePage } from './view/resource-view.js';
import { loadSettings, settingsPanel } from './view/settings-panel.js';
import { renderMap } from './view/map-view.js';
import { renderTrail } from './view/trail-view.js';

/** What the explorer runs in: the page's root element, its URL and history, its session storage. */
export interface ExplorerEnvironment {
  /** The element the explorer draws into. */
  root: HTMLElement;
  /** Origins of the peer services (from the server). */
  peers: readonly string[];
  /** The service's name (from the server). */
  serviceName: string;
}

type HistoryMode = 'push' | 'replace' | 'none';

/**
 * The explorer: it owns the trail, the history entries, every request (all to its own origin)
 * and the navigation between services; the views only render and report back through
 * {@link ExplorerActions}.
 */
export class Explorer implements ExplorerActions {
  readonly origin = location.origin;
  readonly settings: Settings = loadSettings(sessionStorage);
  readonly #credentials = new CredentialStore(sessionStorage, location.origin);
  readonly #keys = new IdempotencyKeys();
  readonly #peers: ReadonlySet<string>;
  readonly #layout: Layout;
  #trail: Trail = emptyTrail();
  #hues = new Map<string, number>();
  #page: ResourcePage | undefined;
  #navigation = 0;

  /** Draws the page's frame; {@link start} then loads the resource. */
  constructor(environment: ExplorerEnvironment) {
    this.#peers = new Set(environment.peers.filter((peer) => peer !== this.origin));
    this.#layout = createLayout(environment.root, {
      origin: this.origin,
      serviceName: environment.serviceName,
      // New credentials can change what the resource offers: show it again with them.
      credentials: credentialsPanel(this.#credentials, () => {
        void this.#show(this.#currentUrl(), { history: 'none' });
      }),
      settings: settingsPanel(this.settings, sessionStorage),
      onAddress: (url) => this.go(url, { label: 'address', method: 'GET' }),
    });
    addEventListener('popstate', (event: PopStateEvent) => {
      const trail = readTrail((event.state as { halway?: unknown } | null)?.halway);
      if (!trail) return;
      this.#setTrail(trail);
      void this.#show(withoutFragment(location.href), { history: 'none' });
    });
    // A link to this very page with a hand-off only changes the fragment: arrive all the same.
    addEventListener('hashchange', () => {
      if (hasHandoff(location.hash)) void this.start();
    });
  }

  /**
   * Shows the page's own URL. The trail comes from a hand-off in the fragment (arriving from
   * another service), else from this history entry (reload, back), else from this tab's last
   * trail on this origin, with a new hop for this page.
   */
  async start(): Promise<void> {
    const here = withoutFragment(location.href);
    const { trail, form } = arrive({
      here,
      fragment: location.hash,
      historyState: history.state,
      stored: sessionStorage.getItem(TRAIL_STORAGE_KEY),
    });
    this.#setTrail(trail);
    history.replaceState({ halway: trail }, '', here);
    await this.#show(here, {
      history: 'replace',
      handed: form && readHandedForm(form, here, this.origin),
    });
  }

  target(url: string): Target {
    return classifyTarget(url, this.origin, this.#peers);
  }

  hue(origin: string): number {
    return this.#hues.get(origin) ?? hueAt(this.#hues.size);
  }

  anchorHref(url: string, step: Step): string | undefined {
    const target = this.target(url);
    if (target.kind === 'blocked') return undefined;
    if (target.kind !== 'peer') return target.url;
    return withHandoff(target.url, {
      trail: addHop(this.#trail, { url: target.url, label: step.label, method: step.method }),
    });
  }

  go(url: string, step: Step): void {
    const target = this.target(url);
    this.#announce();
    if (target.kind === 'here') void this.#show(target.url, { history: 'push', step });
    else if (target.kind === 'blocked')
      this.#announce(
        h('p', { class: 'failed' }, 'Not followed: only http and https links are opened.'),
      );
    else location.assign(this.anchorHref(url, step)!);
  }

  submit(template: ResolvedTemplate, request: FormRequest): Promise<SubmitResult> {
    this.#announce();
    return submitForm(this.#host(), this.#keys, template, request);
  }

  handOverHref(template: ResolvedTemplate): string | undefined {
    return handOverUrl(template, this.#trail, this.#currentUrl(), (url) => this.target(url));
  }

  fetchOptions(url: string, type: string | undefined): Promise<unknown[]> {
    return fetchOptionList(url, type, this.#credentials);
  }

  showDocs(rel: string, url: string): void {
    showDocsPane(this.#layout.docs, rel, url, this.origin);
  }

  confirm(title: string, message: string, action: string): Promise<boolean> {
    return confirmDialog(title, message, action);
  }

  async #show(
    url: string,
    options: { history: HistoryMode; step?: Step; handed?: ResourcePage['handed'] },
  ): Promise<void> {
    const navigation = ++this.#navigation;
    this.#layout.resource.setAttribute('aria-busy', 'true');
    let exchange: Exchange;
    try {
      exchange = await send({ method: 'GET', url }, this.#credentials);
    } catch (error) {
      if (navigation !== this.#navigation) return;
      this.#layout.resource.removeAttribute('aria-busy');
      this.#announce(
        h(
          'p',
          { class: 'failed' },
          `Could not load ${url}: ${error instanceof Error ? error.message : 'network error'}.`,
        ),
      );
      return;
    }
    // A later navigation wins: clicks faster than the network must not show an older page.
    if (navigation !== this.#navigation) return;
    if (options.step) this.#record(exchange.url, options.step, exchange);
    else if (currentHop(this.#trail)?.status === undefined)
      this.#setTrail(completeHop(this.#trail, exchange.status, exchange.ms));
    // Showing the same page again (new credentials, a refresh) keeps a form handed over to it.
    const handed =
      options.handed ??
      (options.history === 'none' && exchange.url === this.#page?.exchange.url
        ? this.#page.handed
        : undefined);
    this.#display({ exchange, handed }, options.history, exchange.url);
    if (options.step?.deprecation)
      this.#announce(
        h(
          'p',
          { class: 'warning' },
          `The link "${options.step.label}" is deprecated: `,
          h('code', null, options.step.deprecation),
        ),
      );
  }

  #display(page: ResourcePage, mode: HistoryMode, url: string): void {
    this.#page = page;
    if (mode === 'push') history.pushState({ halway: this.#trail }, '', url);
    else if (mode === 'replace') history.replaceState({ halway: this.#trail }, '', url);
    else history.replaceState({ halway: this.#trail }, '');
    this.#layout.resource.removeAttribute('aria-busy');
    replaceChildren(this.#layout.resource, resourceView(page, this));
    showAddress(url);
    document.title = `${document.getElementById('resource-title')?.textContent ?? url} · Halway explorer`;
    if (mode !== 'replace' || page.handed === undefined)
      document.getElementById('resource-title')?.focus();
  }

  #record(url: string, step: Step, exchange: Exchange): void {
    this.#setTrail(
      addHop(this.#trail, {
        url,
        label: step.label,
        method: step.method,
        status: exchange.status,
        ms: exchange.ms,
      }),
    );
  }

  #setTrail(trail: Trail): void {
    this.#trail = trail;
    this.#hues = originHues(trail);
    setHue(this.#layout.serviceDot, this.hue(this.origin));
    sessionStorage.setItem(TRAIL_STORAGE_KEY, JSON.stringify(trail));
    renderMap(this.#layout.map, trailMap(trail), this);
    renderTrail(this.#layout.trail, trail, this, {
      hrefOf: (index) => {
        const hop = trail.hops[index]!;
        return this.target(hop.url).kind === 'here'
          ? hop.url
          : withHandoff(hop.url, { trail: moveTo(trail, index) });
      },
      goTo: (index) => {
        this.#announce();
        this.#setTrail(moveTo(this.#trail, index));
        void this.#show(this.#trail.hops[index]!.url, { history: 'push' });
      },
    });
  }

  #currentUrl(): string {
    return this.#page?.exchange.url ?? withoutFragment(location.href);
  }

  #announce(...content: Child[]): void {
    replaceChildren(this.#layout.notice, ...content);
  }

  #host(): SubmissionHost {
    return {
      actions: this,
      credentials: this.#credentials,
      currentUrl: () => this.#currentUrl(),
      record: (url, step, exchange) => this.#record(url, step, exchange),
      showReturned: (exchange, url) =>
        this.#display(
          { exchange },
          url && url !== this.#currentUrl() ? 'push' : 'replace',
          url ?? this.#currentUrl(),
        ),
      refresh: () => this.#show(this.#currentUrl(), { history: 'none' }),
      announce: (...content) => this.#announce(...content),
    };
  }
}
