import type { HalFormsTemplate } from '@halway/hal';
import { emptyTrail, type Trail, type TrailHop } from './trail.js';

/**
 * A form one service's page hands to another's: a template whose target is on the other
 * service, which that service's page shows and sends, from its own origin.
 */
export interface HandedForm {
  /** The URL of the resource that offered the template. */
  from: string;
  /** The template's name. */
  name: string;
  /** The template, its target absolute. */
  template: HalFormsTemplate;
}

/** What travels in the URL fragment from one service's explorer to another's. */
export interface Handoff {
  /** The trail so far; its current hop is the page being opened. */
  trail: Trail;
  /** A form to show there. */
  form?: HandedForm;
}

/** The fragment parameter the hand-off travels in: `#halway=…`. */
export const HANDOFF_PARAMETER = 'halway';

// Fragments are never sent to servers, but browsers cap URL lengths; older hops give way first.
const MAX_ENCODED = 16_000;
const MAX_URL = 2048;
const MAX_LABEL = 200;

interface WireHop {
  u: string;
  l: string;
  m: string;
  s?: number;
  t?: number;
}

/**
 * The fragment (without `#`) that carries a hand-off. Credentials are never part of it: it holds
 * the hops' URLs, labels, methods, statuses and times, and the handed-over template.
 */
export function encodeHandoff(handoff: Handoff): string {
  let { hops, current } = handoff.trail;
  for (;;) {
    const wire = {
      v: 1,
      c: current,
      h: hops.map(toWire),
      ...(handoff.form ? { f: handoff.form } : {}),
    };
    const encoded = toBase64Url(JSON.stringify(wire));
    if (encoded.length <= MAX_ENCODED || hops.length <= 1) return `${HANDOFF_PARAMETER}=${encoded}`;
    hops = hops.slice(1);
    current = Math.max(0, current - 1);
  }
}

/** A URL with a hand-off in its fragment (replacing any fragment it had). */
export function withHandoff(url: string, handoff: Handoff): string {
  const hash = url.indexOf('#');
  return `${hash === -1 ? url : url.slice(0, hash)}#${encodeHandoff(handoff)}`;
}

/**
 * Reads a hand-off from a URL fragment (`#halway=…`, with or without the `#`). The fragment is
 * anyone's to write, so everything is checked; anything malformed yields undefined.
 */
export function decodeHandoff(fragment: string): Handoff | undefined {
  const parameters = new URLSearchParams(fragment.startsWith('#') ? fragment.slice(1) : fragment);
  const encoded = parameters.get(HANDOFF_PARAMETER);
  if (!encoded || encoded.length > MAX_ENCODED) return undefined;
  let wire: unknown;
  try {
    wire = JSON.parse(fromBase64Url(encoded));
  } catch {
    return undefined;
  }
  if (!isRecord(wire) || wire.v !== 1 || !Array.isArray(wire.h)) return undefined;
  const hops = wire.h.map(fromWire);
  if (hops.some((hop) => hop === undefined)) return undefined;
  const trail = readTrail({ hops, current: wire.c });
  if (!trail) return undefined;
  if (wire.f === undefined) return { trail };
  const form = readHandedForm(wire.f);
  return form ? { trail, form } : undefined;
}

/**
 * Checks a trail from a place the page does not control (history state, session storage, a
 * fragment): undefined unless every hop is well-formed and `current` points at one.
 */
export function readTrail(value: unknown): Trail | undefined {
  if (!isRecord(value) || !Array.isArray(value.hops)) return undefined;
  if (value.hops.length === 0) return value.current === -1 ? emptyTrail() : undefined;
  const hops: TrailHop[] = [];
  for (const candidate of value.hops) {
    const hop = readHop(candidate);
    if (!hop) return undefined;
    hops.push(hop);
  }
  const current = value.current;
  if (typeof current !== 'number' || !Number.isInteger(current)) return undefined;
  if (current < 0 || current >= hops.length) return undefined;
  return { hops, current };
}

function readHop(value: unknown): TrailHop | undefined {
  if (!isRecord(value)) return undefined;
  const { url, label, method, status, ms } = value;
  if (typeof url !== 'string' || url.length > MAX_URL || !isHttpUrl(url)) return undefined;
  if (typeof label !== 'string' || label === '' || label.length > MAX_LABEL) return undefined;
  if (typeof method !== 'string' || !/^[A-Z]{1,10}$/.test(method)) return undefined;
  const hop: TrailHop = { url, label, method };
  if (status !== undefined) {
    if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599)
      return undefined;
    hop.status = status as number;
  }
  if (ms !== undefined) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return undefined;
    hop.ms = ms;
  }
  return hop;
}

function readHandedForm(value: unknown): HandedForm | undefined {
  if (!isRecord(value)) return undefined;
  const { from, name, template } = value;
  if (typeof from !== 'string' || !isHttpUrl(from)) return undefined;
  if (typeof name !== 'string' || name === '' || name.length > MAX_LABEL) return undefined;
  if (!isRecord(template) || typeof template.method !== 'string') return undefined;
  return { from, name, template: template as unknown as HalFormsTemplate };
}

function toWire(hop: TrailHop): WireHop {
  const wire: WireHop = { u: hop.url, l: hop.label, m: hop.method };
  if (hop.status !== undefined) wire.s = hop.status;
  if (hop.ms !== undefined) wire.t = hop.ms;
  return wire;
}

function fromWire(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  return { url: value.u, label: value.l, method: value.m, status: value.s, ms: value.t };
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
