/**
 * What the value of each text-like input type looks like, as HTML inputs produce it. Time and
 * date-time values may also carry seconds and an RFC 3339 offset, so that both a browser's
 * `time` or `datetime-local` input and a JSON Schema `time` or `date-time` value are accepted:
 * the form model and the server use this one table.
 *
 * @see https://html.spec.whatwg.org/multipage/input.html#the-input-element
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 */
export const INPUT_FORMATS: Readonly<Record<string, RegExp>> = {
  email: /^[^\s@]+@[^\s@]+$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  time: /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/i,
  'datetime-local':
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/i,
  color: /^#[0-9a-f]{6}$/i,
};
