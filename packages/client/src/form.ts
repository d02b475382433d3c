import {
  coerceFormValues,
  encodeForm,
  fieldOptions,
  isMultiValued,
  validateForm,
  type FieldError,
  type FieldOption,
  type HalFormsProperty,
  type RawFormValue,
  type ResolvedTemplate,
  type UriTemplateVariables,
} from '@halway/hal';
import { InvalidFormError } from './errors.js';
import type { ClientCore } from './internal/core.js';
import { isSafeMethod } from './internal/exchange.js';
import { encodeMultipart, toBase64 } from './internal/multipart.js';
import { RemoteOptionLists } from './internal/remote-options.js';
import type { RequestOptions } from './options.js';
import type { State } from './state.js';
import { Submission, type PendingSubmission } from './submission.js';
import type { FormType, InputOf, ResultOf } from './typing.js';

/** A field of a form: every attribute of its HAL-FORMS property, and whether it holds a list. */
export type FormField = Readonly<HalFormsProperty> & {
  /** Whether the field takes a list of values (options with `maxItems` other than 1). */
  readonly multiple: boolean;
};

/** Options of `prepare` and `submit`. */
export interface SubmitOptions extends RequestOptions {
  /**
   * The `Idempotency-Key` of this logical submission, to reuse one the caller persisted; `false`
   * sends none. By default unsafe submissions get a fresh random key, kept for every retry.
   *
   * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
   */
  idempotencyKey?: string | false;
  /**
   * `If-Match`: `true` sends the ETag of the state the form came from, a string sends that ETag,
   * `false` never sends one (not even when the server answers 428). By default it is sent when
   * a link hint asks for it (`precondition-req`), or after a 428.
   */
  ifMatch?: boolean | string;
  /** Whether fields left out take their starting value (`value`, `selectedValues`); default true. */
  defaults?: boolean;
  /** Whether the values are raw strings from a UI, to be typed per field first (default false). */
  coerce?: boolean;
}

/**
 * A HAL-FORMS template ready to fill in: its fields, their choices (remote option lists are
 * fetched and cached), client-side validation of every constraint, and submission.
 *
 * @example
 * const pay = (await client.go(orderUrl).get()).form('pay');
 * const cards = await pay.choices('card');
 * const receipt = await pay.submit({ amount: 4.5, card: cards[0].value });
 * @see https://rwcbook.github.io/hal-forms/
 */
export class Form<F extends FormType = FormType> {
  /** The template as read, targets absolute. */
  readonly template: ResolvedTemplate;
  /** The state the form came from; its ETag is what `If-Match` sends. */
  readonly source: State;
  /** The fields, in order. */
  readonly fields: readonly FormField[];
  readonly #core: ClientCore;
  readonly #remote: RemoteOptionLists;

  /** Wraps a template of `source`; use `state.form()` rather than this constructor. */
  constructor(core: ClientCore, template: ResolvedTemplate, source: State) {
    this.#core = core;
    this.#remote = new RemoteOptionLists(core, template);
    this.template = template;
    this.source = source;
    this.fields = template.properties.map((property) => ({
      ...property,
      multiple: isMultiValued(property),
    }));
  }

  /** The template's name. */
  get name(): string {
    return this.template.name;
  }

  /** Its title (the name when it has none). */
  get title(): string {
    return this.template.title;
  }

  /** The HTTP method. */
  get method(): string {
    return this.template.method;
  }

  /** The body's media type. */
  get contentType(): string {
    return this.template.contentType;
  }

  /** Where the request goes (a URI template when `template.targetTemplated`). */
  get target(): string {
    return this.template.target;
  }

  /** A field by name. */
  field(name: string): FormField | undefined {
    return this.fields.find((field) => field.name === name);
  }

  /**
   * The values the fields start with: `value`, or `selectedValues` for fields with options,
   * typed by field. HAL-FORMS sends `value` as a string: `"2"` of a number field is 2 here, and
   * `"true"` of a checkbox is true.
   */
  initialValues(): Record<string, unknown> {
    const raw: Record<string, RawFormValue> = {};
    for (const field of this.fields) {
      const value = startingValue(field);
      if (value !== undefined) raw[field.name] = value as RawFormValue;
    }
    return coerceFormValues(this.fields, raw);
  }

  /**
   * The choices of a field: its inline options, or the entries fetched from its options link
   * (once per URL for this form, through the HTTP cache and the link's origin's middlewares).
   * A templated options link is expanded with `vars`.
   */
  async choices(
    name: string,
    vars: UriTemplateVariables = {},
    options: RequestOptions = {},
  ): Promise<FieldOption[]> {
    const field = this.field(name);
    if (!field) throw new TypeError(`Form.choices(): form "${this.name}" has no field "${name}"`);
    if (!field.options) return [];
    if (!field.options.link) return fieldOptions(field);
    return fieldOptions(field, await this.#remote.entries(field, vars, options));
  }

  /**
   * Checks values against every constraint of the template (fetching remote option lists for
   * fields that have a value) and returns the failures; an empty list means valid.
   */
  async validate(
    values: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<FieldError[]> {
    const remoteOptions: Record<string, readonly unknown[]> = {};
    for (const field of this.fields) {
      const value = values[field.name];
      if (!field.options?.link || value === undefined || value === null || value === '') continue;
      remoteOptions[field.name] = await this.#remote.entries(
        field,
        values as UriTemplateVariables,
        options,
      );
    }
    return validateForm(this.template, values, { remoteOptions });
  }

  /**
   * Validates and encodes a submission without sending it, and gives unsafe ones their
   * `Idempotency-Key`: persist `submission.toJSON()` first to be able to replay it after a
   * crash. Throws an `InvalidFormError` listing every failed constraint; nothing is sent then.
   */
  async prepare(values: InputOf<F>, options: SubmitOptions = {}): Promise<Submission<F>> {
    let input = values as Record<string, unknown>;
    if (typeof input !== 'object' || input === null) {
      throw new TypeError(`Form.submit(): the values of "${this.name}" must be an object`);
    }
    if (options.coerce) {
      input = coerceFormValues(this.template.properties, input as Record<string, RawFormValue>);
    }
    if (options.defaults !== false) input = { ...this.initialValues(), ...input };
    const errors = await this.validate(input, options);
    if (errors.length > 0) throw new InvalidFormError(this.name, errors);

    const encoded = encodeForm(this.template, input);
    const pending: PendingSubmission = {
      template: this.name,
      method: encoded.method,
      url: encoded.url,
      headers: { ...encoded.headers },
      source: this.source.url,
    };
    if (encoded.parts) {
      const multipart = await encodeMultipart(encoded.parts);
      pending.headers['content-type'] = multipart.contentType;
      pending.body = toBase64(multipart.body);
      pending.bodyEncoding = 'base64';
    } else if (encoded.body !== undefined) {
      pending.body = encoded.body;
    }
    if (!isSafeMethod(encoded.method)) {
      if (options.idempotencyKey !== false) {
        pending.idempotencyKey = checkKey(options.idempotencyKey) ?? crypto.randomUUID();
      }
      const etag = await this.#ifMatch(options);
      if (etag !== undefined) pending.headers['if-match'] = etag;
      if (options.ifMatch === false) pending.conditional = false;
    }
    return new Submission<F>(this.#core, pending, this.source);
  }

  /**
   * Validates, encodes and sends the values, then gives the state the submission led to: the
   * representation the server returned (`Prefer: return=representation`), else the `Location`
   * or redirect target, loaded. Throws `InvalidFormError` before any request when values fail.
   */
  async submit(values: InputOf<F>, options: SubmitOptions = {}): Promise<State<ResultOf<F>>> {
    const submission = await this.prepare(values, options);
    return submission.send(options);
  }

  async #ifMatch(options: SubmitOptions): Promise<string | undefined> {
    if (typeof options.ifMatch === 'string') return options.ifMatch;
    if (options.ifMatch === false) return undefined;
    if (options.ifMatch !== true && !this.source.requiresPrecondition) return undefined;
    if (this.source.etag !== undefined) return this.source.etag;
    // A snapshot or a submission result may carry no ETag: the canonical state does.
    const canonical = await this.#core.loadState(this.source.url, {
      ...options,
      cache: 'no-cache',
    });
    return canonical.etag;
  }
}

// Visible ASCII without `"` and `\`, so the key needs no escaping inside the quoted header.
const KEY = /^[\x21\x23-\x5b\x5d-\x7e]{1,255}$/;

function checkKey(key: string | undefined): string | undefined {
  if (key !== undefined && (typeof key !== 'string' || !KEY.test(key))) {
    throw new TypeError(
      'Form.prepare(): idempotencyKey must be 1 to 255 visible ASCII characters, without " or \\',
    );
  }
  return key;
}

function startingValue(field: HalFormsProperty): unknown {
  if (field.templated) return undefined;
  const selected = field.options?.selectedValues;
  if (isMultiValued(field)) {
    if (selected) return [...selected];
    if (field.value === undefined || field.value === null) return undefined;
    return Array.isArray(field.value) ? [...field.value] : [field.value];
  }
  return field.value ?? selected?.[0] ?? undefined;
}
