import { decodeHandoff, HANDOFF_PARAMETER, readTrail, type HandedForm } from '../trail/codec.js';
import { addHop, currentHop, emptyTrail, type Trail } from '../trail/trail.js';

/** Where the trail of this tab on this origin is kept between pages. */
export const TRAIL_STORAGE_KEY = 'halway-explorer:trail';

/** What a page starts with: its trail, and a form handed over from another service. */
export interface Arrival {
  /** The trail, its current hop this page. */
  trail: Trail;
  /** A form another service's page handed over. */
  form?: HandedForm;
}

/** Where a page finds what came before it. */
export interface ArrivalSources {
  /** The page's URL, without its fragment. */
  here: string;
  /** The URL's fragment (`#halway=…` when arriving from another service). */
  fragment: string;
  /** The history entry's state (set by an earlier visit of this entry: reload, back, forward). */
  historyState: unknown;
  /** The last trail kept in this tab on this origin, as stored. */
  stored: string | null;
}

/**
 * The trail a page starts with: from a hand-off in the fragment (arriving from another
 * service), else from the history entry (a reload, back or forward), else this tab's last trail
 * on this origin (an address typed by hand); and, unless its current hop is this page already,
 * a new `open` hop for it.
 */
export function arrive(sources: ArrivalSources): Arrival {
  const handoff = decodeHandoff(sources.fragment);
  const state = sources.historyState as { halway?: unknown } | null | undefined;
  let trail =
    handoff?.trail ??
    readTrail(state?.halway) ??
    readTrail(parseJson(sources.stored)) ??
    emptyTrail();
  if (currentHop(trail)?.url !== sources.here)
    trail = addHop(trail, { url: sources.here, label: 'open', method: 'GET' });
  return handoff?.form ? { trail, form: handoff.form } : { trail };
}

/** Whether a fragment carries a hand-off (well-formed or not). */
export function hasHandoff(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, '')).has(HANDOFF_PARAMETER);
}

function parseJson(text: string | null): unknown {
  try {
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
