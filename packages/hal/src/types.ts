/**
 * The wire types of HAL and HAL-FORMS.
 *
 * They build on `hal-types` and smooth its quirks where the specs allow more: a property's
 * `value` may be a number, a boolean or a list, `min`/`max` may be dates, properties are one
 * shape instead of three variants, and `options.multiple` (not in the spec) is left out.
 */
import type * as HalTypes from 'hal-types';

/**
 * A HAL link object.
 *
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-5
 */
export type HalLink = HalTypes.HalLink;

/** Link hints (draft-nottingham-link-hint) a link may carry in `hints`. */
export type HalLinkHints = HalTypes.LinkHints;

/** The `_links` map: each relation holds one link or an array of links, never both in turn. */
export type HalLinks = Record<string, HalLink | HalLink[]>;

/** The `_embedded` map: each relation holds one resource or an array of resources. */
export type HalEmbedded = Record<string, HalDocument | HalDocument[]>;

/**
 * A HAL document, optionally extended with HAL-FORMS `_templates`.
 *
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11
 */
export interface HalDocument {
  /** Links keyed by relation. Every resource should have `self`. */
  _links?: HalLinks;
  /** Embedded resources keyed by the relation you would link them with. */
  _embedded?: HalEmbedded;
  /** HAL-FORMS templates keyed by name. */
  _templates?: Record<string, HalFormsTemplate>;
  /** The resource's own properties. */
  [property: string]: unknown;
}

/** A scalar a form field may hold. */
export type HalFormsScalar = string | number | boolean;

/** A value a form field may hold: a scalar, or a list for multi-valued fields. */
export type HalFormsValue = HalFormsScalar | HalFormsScalar[] | null;

/** One inline option: a value and the prompt shown for it. */
export interface HalFormsInlineOption {
  /** What the user sees. */
  prompt: string;
  /** What is sent. */
  value: HalFormsScalar;
}

/** The link an option list is fetched from. */
export interface HalFormsOptionsLink {
  /** URL (or URI template when `templated`) of the option list. */
  href: string;
  /** Whether `href` is an RFC 6570 URI template. */
  templated?: boolean;
  /** Media type expected at `href`. */
  type?: string;
}

/**
 * The `options` of a property: the values it may take, inline or behind a link.
 *
 * A property with options holds a single value when `maxItems` is 1, and a list otherwise.
 *
 * @see https://rwcbook.github.io/hal-forms/#options-element
 */
export interface HalFormsOptions {
  /** The values: plain scalars, `{ prompt, value }` pairs, or objects read with `promptField`/`valueField`. */
  inline?: Array<HalFormsScalar | HalFormsInlineOption | Record<string, unknown>>;
  /** Where to fetch the values from, when they are not inline. */
  link?: HalFormsOptionsLink;
  /** The member of an option object shown to the user (default `prompt`). */
  promptField?: string;
  /** The member of an option object that is sent (default `value`). */
  valueField?: string;
  /** The fewest values that must be selected. */
  minItems?: number;
  /** The most values that may be selected; absent means no limit. */
  maxItems?: number;
  /** The values selected to begin with. */
  selectedValues?: HalFormsScalar[];
}

/** The input types HAL-FORMS borrows from HTML5, plus `textarea`. */
export type HalFormsInputType =
  | 'hidden'
  | 'text'
  | 'textarea'
  | 'search'
  | 'tel'
  | 'url'
  | 'email'
  | 'password'
  | 'date'
  | 'month'
  | 'week'
  | 'time'
  | 'datetime-local'
  | 'number'
  | 'range'
  | 'color'
  | 'checkbox'
  | 'radio'
  | 'file';

/**
 * One field of a HAL-FORMS template.
 *
 * @see https://rwcbook.github.io/hal-forms/#_the_property_element
 */
export interface HalFormsProperty extends Omit<HalTypes.HalFormsBaseProperty, 'value' | 'type'> {
  /** The HTML5 input type; `text` when absent. */
  type?: HalFormsInputType;
  /** The value the field starts with. */
  value?: HalFormsValue;
  /** Smallest allowed value (a number, or an ISO date/time for date types). */
  min?: number | string;
  /** Largest allowed value (a number, or an ISO date/time for date types). */
  max?: number | string;
  /** Granularity of numeric values, counted from `min` as in HTML. */
  step?: number;
  /** Fewest characters allowed. */
  minLength?: number;
  /** Most characters allowed. */
  maxLength?: number;
  /** Visible rows of a `textarea`. */
  rows?: number;
  /** Visible columns of a `textarea`. */
  cols?: number;
  /** The values the field may take. */
  options?: HalFormsOptions;
}

/**
 * A HAL-FORMS template: how to make one request.
 *
 * @see https://rwcbook.github.io/hal-forms/#_the_code__templates_code_element
 */
export interface HalFormsTemplate extends Omit<HalTypes.HalFormsTemplate, 'properties'> {
  /** The HTTP method. */
  method: string;
  /** The body's media type; `application/json` when absent. */
  contentType?: string;
  /** The fields. */
  properties?: HalFormsProperty[];
  /** Where to send the request; the `self` link when absent. May be an RFC 6570 template. */
  target?: string;
  /** Human-readable name; the template's key when absent. */
  title?: string;
  /**
   * Halway's extension: present when the request must carry an `Idempotency-Key` header.
   * HAL-FORMS clients that do not know it ignore it, and get the problem it names without one.
   */
  'x-idempotency-key'?: HalFormsIdempotencyKey;
}

/**
 * The `x-idempotency-key` extension of a template: the request must be sent with a key in
 * `header`, or it is refused with the problem whose `type` is `problem` (400).
 *
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */
export interface HalFormsIdempotencyKey {
  /** Always true: the extension is only there when a key is required. */
  required: true;
  /** The header to send the key in: `Idempotency-Key`. */
  header: 'Idempotency-Key';
  /** The `type` of the problem a request without a key gets. */
  problem: string;
}
