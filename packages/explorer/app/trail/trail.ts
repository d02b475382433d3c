/**
 * One step of the trail: the request made, which service answered, and how.
 */
export interface TrailHop {
  /** The URL of the resource the step led to (absolute, http or https). */
  url: string;
  /** The rel or template name used, or how the step was taken (`open`, `location`). */
  label: string;
  /** The request's method. */
  method: string;
  /** The response's status; absent while the step is still under way (a hand-over). */
  status?: number;
  /** How long the request took, in milliseconds. */
  ms?: number;
}

/** The hops taken, oldest first, and the one the page shows. */
export interface Trail {
  /** The hops. */
  hops: readonly TrailHop[];
  /** Index of the hop shown now; -1 when there are none. */
  current: number;
}

/** How many hops a trail keeps; older ones are dropped. */
export const MAX_HOPS = 40;

/** A trail with no hops. */
export function emptyTrail(): Trail {
  return { hops: [], current: -1 };
}

/**
 * A new step from the hop shown now: the hops after it (those left by going back) are dropped,
 * as a browser's forward history is, and the oldest go beyond {@link MAX_HOPS}.
 */
export function addHop(trail: Trail, hop: TrailHop): Trail {
  const hops = [...trail.hops.slice(0, trail.current + 1), hop].slice(-MAX_HOPS);
  return { hops, current: hops.length - 1 };
}

/** Goes back (or forward) to a hop; the hops stay. */
export function moveTo(trail: Trail, index: number): Trail {
  if (!Number.isInteger(index) || index < 0 || index >= trail.hops.length)
    throw new TypeError(`moveTo(): there is no hop ${index}`);
  return { hops: trail.hops, current: index };
}

/** The hop shown now. */
export function currentHop(trail: Trail): TrailHop | undefined {
  return trail.hops[trail.current];
}

/** Fills in the status and time of the hop shown now, once its request is answered. */
export function completeHop(trail: Trail, status: number, ms: number): Trail {
  const hop = currentHop(trail);
  if (!hop) return trail;
  const hops = [...trail.hops];
  hops[trail.current] = { ...hop, status, ms };
  return { hops, current: trail.current };
}

/** The origin of a hop's URL. */
export function hopOrigin(hop: TrailHop): string {
  return new URL(hop.url).origin;
}

// Hues run from 30 to 319: reds are kept for errors. Successive services are a golden angle (of
// that range) apart, so that the first few are as far apart as they can be.
const FIRST_HUE = 210;
const HUE_RANGE = 290;
const HUE_STEP = HUE_RANGE * 0.381966;

/**
 * The hue each service of a trail is drawn in, by order of first appearance: every page of the
 * trail, on every service, computes the same colours from the same hops, and no two services of
 * a trail share one.
 */
export function originHues(trail: Trail): Map<string, number> {
  const hues = new Map<string, number>();
  for (const hop of trail.hops) {
    const origin = hopOrigin(hop);
    if (!hues.has(origin)) hues.set(origin, hueAt(hues.size));
  }
  return hues;
}

/** The hue of the service that appears `index`-th (from 0) in a trail. */
export function hueAt(index: number): number {
  return Math.round(((FIRST_HUE - 30 + index * HUE_STEP) % HUE_RANGE) + 30);
}
