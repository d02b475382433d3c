import type { Form, SubmitOptions } from './form.js';
import type { RequestOptions } from './options.js';
import type { State } from './state.js';
import type { Submission } from './submission.js';
import type { FormType, InputOf, ResultOf } from './typing.js';

/**
 * A form of a resource whose state may not be loaded yet. Await it for the {@link Form}, or
 * call `submit`/`prepare` directly: the state is loaded first (from the cache or a snapshot
 * when possible), then the template is found and used.
 *
 * @example
 * await client.go(orderUrl).form('pay').submit({ amount: 4.5, card: '4111 1111 1111 1111' });
 */
export class PendingForm<F extends FormType = FormType> implements PromiseLike<Form<F>> {
  readonly #load: (options: RequestOptions) => Promise<Form>;
  #default: Promise<Form<F>> | undefined;

  /** Wraps the function that loads the form; made by `form()`, not by hand. */
  constructor(load: (options: RequestOptions) => Promise<Form>) {
    this.#load = load;
  }

  /** Loads the form (once, however often it is awaited). */
  then<TResult1 = Form<F>, TResult2 = never>(
    onfulfilled?: ((value: Form<F>) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): PromiseLike<TResult1 | TResult2> {
    this.#default ??= this.#load({}) as Promise<Form<F>>;
    return this.#default.then(onfulfilled, onrejected);
  }

  /** Loads the form, then validates, encodes and sends the values (see `Form.submit`). */
  async submit(values: InputOf<F>, options: SubmitOptions = {}): Promise<State<ResultOf<F>>> {
    const form = (await this.#load(requestPart(options))) as Form<F>;
    return form.submit(values, options);
  }

  /** Loads the form, then validates and encodes the values without sending them. */
  async prepare(values: InputOf<F>, options: SubmitOptions = {}): Promise<Submission<F>> {
    const form = (await this.#load(requestPart(options))) as Form<F>;
    return form.prepare(values, options);
  }
}

function requestPart(options: SubmitOptions): RequestOptions {
  const request: RequestOptions = {};
  if (options.signal) request.signal = options.signal;
  if (options.timeout !== undefined) request.timeout = options.timeout;
  return request;
}
