import type { FormRequest, ResolvedTemplate } from '@halway/hal';
import type { ExplorerActions, Step, SubmitResult } from './context.js';
import type { CredentialStore } from './credentials/store.js';
import { outcomeOf, requestFingerprint, type IdempotencyKeys } from './forms/idempotency.js';
import { headerOf, send, statusLine, type Exchange } from './http/exchange.js';
import { h } from './view/dom.js';
import { linkAnchor } from './view/link-anchor.js';
import { readerOf } from './view/resource-view.js';
import { exchangeSummary, responseDetails } from './view/response.js';

/** What a submission needs from the explorer around it. */
export interface SubmissionHost {
  /** The views' interface. */
  actions: ExplorerActions;
  /** The page's credentials. */
  credentials: CredentialStore;
  /** The URL of the resource shown now. */
  currentUrl(): string;
  /** Records a step in the trail. */
  record(url: string, step: Step, exchange: Exchange): void;
  /** Shows a returned representation as the page, at `url`. */
  showReturned(exchange: Exchange, url: string | undefined): void;
  /** Fetches the current resource again (no new hop). */
  refresh(): Promise<void>;
  /** Announces an outcome above the resource. */
  announce(...content: (Node | string | null)[]): void;
}

/**
 * Sends a form's request with an `Idempotency-Key` (kept for a resend after a network error,
 * new once the server has answered) and `Prefer: return=representation`, and shows the outcome:
 * the returned state when the server sends one, the created resource one click away (or at once,
 * per the settings) after 201, and problems for the form to place at its fields.
 */
export async function submitForm(
  host: SubmissionHost,
  keys: IdempotencyKeys,
  template: ResolvedTemplate,
  request: FormRequest,
): Promise<SubmitResult> {
  const fingerprint = requestFingerprint(request);
  const key = keys.keyFor(fingerprint);
  let exchange: Exchange;
  try {
    exchange = await send(
      {
        ...request,
        headers: { ...request.headers, 'Idempotency-Key': key, Prefer: 'return=representation' },
      },
      host.credentials,
    );
  } catch {
    keys.settle(fingerprint, 'uncertain');
    host.announce(
      h('p', { class: 'failed' }, `${template.title}: no answer (network error).`),
      h(
        'p',
        null,
        'Sending again is safe: it carries the same Idempotency-Key, so the work is not done twice.',
      ),
    );
    return {};
  }
  keys.settle(
    fingerprint,
    outcomeOf(exchange.status, headerOf(exchange, 'retry-after') !== undefined),
  );
  const step: Step = { label: template.name, method: request.method };
  const location = absolute(headerOf(exchange, 'location'), exchange.url);
  const contentLocation = absolute(headerOf(exchange, 'content-location'), exchange.url);
  const returned = readerOf(exchange) !== undefined && exchange.status < 300;
  const details = h(
    'details',
    { class: 'response' },
    h('summary', null, 'Response details'),
    responseDetails(exchange, 3),
  );

  if (exchange.status === 201 && location) {
    if (host.actions.settings.followCreated && returned && contentLocation === location) {
      host.record(location, step, exchange);
      host.showReturned(exchange, location);
      host.announce(
        exchangeSummary(exchange),
        h('p', null, 'Showing the created resource, as the server returned it.'),
        details,
      );
      return { status: exchange.status };
    }
    host.record(host.currentUrl(), step, exchange);
    if (host.actions.settings.followCreated) {
      host.actions.go(location, { label: 'location', method: 'GET' });
      return { status: exchange.status };
    }
    const open = linkAnchor(
      host.actions,
      location,
      { label: 'location', method: 'GET' },
      'Open the created resource',
      'button-link primary',
    );
    host.announce(
      exchangeSummary(exchange),
      h('p', null, 'Created ', h('code', null, location), '. ', open),
      details,
    );
    open.focus();
    return { status: exchange.status };
  }
  if (exchange.status < 300 && returned) {
    const url = contentLocation ?? readerOf(exchange)?.self;
    host.record(url ?? host.currentUrl(), step, exchange);
    host.showReturned(exchange, url);
    host.announce(
      exchangeSummary(exchange),
      h('p', null, `${template.title}: done; showing the state the server returned.`),
      details,
    );
    return { status: exchange.status };
  }
  host.record(host.currentUrl(), step, exchange);
  if (exchange.status < 300) {
    await host.refresh();
    host.announce(
      exchangeSummary(exchange),
      h('p', null, `${template.title}: ${statusLine(exchange)}.`),
      details,
    );
    return { status: exchange.status };
  }
  const problem = exchange.problem;
  host.announce(
    exchangeSummary(exchange),
    h(
      'p',
      { class: 'failed' },
      `${template.title} failed: ${problem?.title ?? statusLine(exchange)}${problem?.detail ? ` — ${problem.detail}` : ''}`,
    ),
    details,
  );
  return problem ? { status: exchange.status, problem } : { status: exchange.status };
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (href === undefined || !URL.canParse(href, base)) return undefined;
  return new URL(href, base).href;
}
