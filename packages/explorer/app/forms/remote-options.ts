import {
  expandUriTemplate,
  HAL_JSON,
  JSON_MEDIA_TYPE,
  optionEntries,
  type HalFormsProperty,
} from '@halway/hal';
import type { ExplorerActions } from '../context.js';
import type { CredentialStore } from '../credentials/store.js';
import { send, statusLine } from '../http/exchange.js';
import type { RemoteOptions } from './choice-field.js';

/**
 * Starts fetching a field's options when they are behind a link: a templated link is expanded
 * with the form's starting values. Only this origin can be asked (no CORS); an options link on
 * another service is reported as such.
 */
export function remoteOptionsOf(
  property: HalFormsProperty,
  startingValues: Record<string, unknown>,
  actions: ExplorerActions,
  base: string,
): RemoteOptions | undefined {
  const link = property.options?.link;
  if (!link || typeof link.href !== 'string' || property.options?.inline !== undefined)
    return undefined;
  let url: string;
  try {
    const href = link.templated
      ? expandUriTemplate(link.href, startingValues as Record<string, string>)
      : link.href;
    url = new URL(href, base).href;
  } catch {
    return { load: Promise.reject(new Error(`The options link ${link.href} is not a valid URL.`)) };
  }
  const target = actions.target(url);
  if (target.kind !== 'here') {
    const where = target.kind === 'blocked' ? url : target.origin;
    return {
      load: Promise.reject(
        new Error(`The options are listed on ${where}, which this page cannot ask (no CORS).`),
      ),
    };
  }
  return { load: actions.fetchOptions(url, link.type) };
}

/** Fetches an option list from this origin: the type the link names first, then JSON and HAL. */
export async function fetchOptionList(
  url: string,
  type: string | undefined,
  credentials: CredentialStore,
): Promise<unknown[]> {
  const accept = [type, `${JSON_MEDIA_TYPE};q=0.9`, `${HAL_JSON};q=0.8`].filter(Boolean).join(', ');
  const exchange = await send({ method: 'GET', url, headers: { Accept: accept } }, credentials);
  if (exchange.status >= 300)
    throw new Error(`The options could not be loaded (${statusLine(exchange)}).`);
  return optionEntries(exchange.json);
}
