/**
 * Describes a kind of resource to the type checker: its properties, the resource each relation
 * leads to, and the input each template takes. Everything is optional: what is left out stays
 * untyped (any relation, any template, `Record<string, unknown>` properties).
 *
 * @example
 * type Payment = { properties: { amount: number; status: string } };
 * type Order = {
 *   properties: { status: 'payment-expected' | 'paid'; total: number };
 *   links: { payment: Payment; customer: ResourceType };
 *   forms: { pay: { input: { amount: number; card: string }; result: Payment } };
 * };
 * const order = await client.go<Order>(url).get();
 * await order.form('pay').submit({ amount: 4.5, card: '4111…' }); // checked
 * order.follow('payment'); // Follower<Payment>; order.follow('paymnet') does not compile
 */
export interface ResourceType {
  /** The resource's own properties. */
  properties?: object;
  /** Relation name → the ResourceType of the resource it leads to. */
  links?: object;
  /** Template name → its {@link FormType}. */
  forms?: object;
}

/** Describes a template to the type checker: the values it takes and what submitting returns. */
export interface FormType {
  /** The values `submit()` takes. */
  input?: object;
  /** The resource a submission leads to. */
  result?: ResourceType;
}

/** A resource of which nothing is known statically. */
export type UntypedResource = ResourceType;

/** The properties of a resource type (`Record<string, unknown>` when untyped). */
export type PropertiesOf<T extends ResourceType> = T extends { properties: infer P extends object }
  ? P
  : Record<string, unknown>;

/** The relations a resource type may be followed by (`string` when untyped). */
export type RelOf<T extends ResourceType> = T extends { links: infer L extends object }
  ? Extract<keyof L, string>
  : string;

/** The resource type a relation leads to. */
export type LinkTargetOf<T extends ResourceType, TRel extends string> = T extends {
  links: infer L extends object;
}
  ? TRel extends keyof L
    ? L[TRel] extends ResourceType
      ? L[TRel]
      : UntypedResource
    : UntypedResource
  : UntypedResource;

/** The template names of a resource type (`string` when untyped). */
export type FormNameOf<T extends ResourceType> = T extends { forms: infer F extends object }
  ? Extract<keyof F, string>
  : string;

/** The form type of a template of a resource type. */
export type FormOf<T extends ResourceType, TName extends string> = T extends {
  forms: infer F extends object;
}
  ? TName extends keyof F
    ? F[TName] extends FormType
      ? F[TName]
      : FormType
    : FormType
  : FormType;

/** The form a template-less `form()` call gets: the typed `default` template, when declared. */
export type DefaultFormOf<T extends ResourceType> = FormOf<T, 'default'>;

/** The values a form type takes. */
export type InputOf<F extends FormType> = F extends { input: infer I extends object }
  ? I
  : Record<string, unknown>;

/** The resource type a form type's submission leads to. */
export type ResultOf<F extends FormType> = F extends { result: infer R extends ResourceType }
  ? R
  : UntypedResource;
