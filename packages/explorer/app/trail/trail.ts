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

/**
 * The hue that stands for an origin wherever it appears: a hash of the origin, so that a service
 * has the same colour on every page of every service. Hues from 30 to 319 only: reds are kept
 * for errors.
 */
export function originHue(origin: string): number {
  // FNV-1a: tiny, and spreads neighbouring ports apart.
  let hash = 0x811c9dc5;
  for (let index = 0; index < origin.length; index++) {
    hash ^= origin.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 30 + (hash % 290);
}
