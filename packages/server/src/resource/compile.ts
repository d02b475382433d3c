import { schemaToProperties, type HalFormsProperty, type HalFormsTemplate } from '@halway/hal';
import { idempotencyKeyExtension } from '../representations/idempotency-key.js';
import type { Validators } from '../validation/ajv.js';
import { compileInputValidator, type InputValidator } from '../validation/input-validator.js';
import type { ActionDeclaration, HandledActionOptions, NavigationActionOptions } from './action.js';
import { formTextOf, type FormText } from './form-text.js';
import { joinPaths, parsePath, type ParsedPath } from './paths.js';
import type { Resource } from './resource.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** An action with everything derived from its declaration computed once. */
export interface CompiledAction {
  /** The template's name. */
  name: string;
  /** The declaration. */
  declaration: ActionDeclaration;
  /** The HTTP method. */
  method: string;
  /** The route the action is served at; undefined for navigation forms, served elsewhere. */
  route: ParsedPath | undefined;
  /** The sub-path of the target below the resource ('' for the resource itself). */
  subPath: string;
  /** The HAL-FORMS properties derived from the input schema. */
  properties: HalFormsProperty[];
  /** The state-independent part of the template. */
  template: HalFormsTemplate;
  /** The template as JSON text, cut where a request's values and target go. */
  formText: FormText;
  /** Validates input against the schema. */
  validator: InputValidator;
}

/** A resource with its actions compiled. */
export interface CompiledResource {
  /** The resource. */
  resource: Resource<unknown, unknown, unknown>;
  /** Its actions, in declaration order. */
  actions: CompiledAction[];
}

/** Compiles a resource's actions: template, properties and validators, once, at start-up. */
export function compileResource(
  resource: Resource<unknown, unknown, unknown>,
  validators: Validators,
): CompiledResource {
  if (resource.options.cacheByVersion && resource.options.prepare) {
    throw new TypeError(
      `createService(): ${resource.path.route} has both "cacheByVersion" and "prepare"; what prepare reads from other services is not part of the version, so its representations cannot be cached by version`,
    );
  }
  return {
    resource,
    actions: resource.actions.map((declaration) =>
      compileAction(resource, declaration, validators),
    ),
  };
}

function compileAction(
  resource: Resource<unknown, unknown, unknown>,
  declaration: ActionDeclaration,
  validators: Validators,
): CompiledAction {
  const { name, options } = declaration;
  const caller = `action "${name}" of ${resource.path.route}`;
  if (!METHODS.has(options.method))
    throw new TypeError(`${caller}: method must be one of ${[...METHODS].join(', ')}`);
  const properties = options.input ? schemaToPropertiesFor(options.input, caller) : [];
  const template: HalFormsTemplate = { method: options.method };
  if (options.title !== undefined) template.title = options.title;
  if (options.contentType !== undefined && options.contentType !== 'application/json')
    template.contentType = options.contentType;
  if (properties.length > 0) template.properties = properties;
  if ('handle' in options && options.requireIdempotencyKey)
    template['x-idempotency-key'] = idempotencyKeyExtension();
  const validator = compileInputValidator(validators, options.input, properties, caller);

  if ('target' in options) {
    checkNavigation(options, caller);
    return {
      name,
      declaration,
      method: options.method,
      route: undefined,
      subPath: '',
      properties,
      template,
      formText: formTextOf(template, properties),
      validator,
    };
  }
  const subPath = checkSubPath(options, caller);
  const route =
    subPath === '' ? resource.path : parsePath(joinPaths(resource.path.route, subPath), caller);
  return {
    name,
    declaration,
    method: options.method,
    route,
    subPath,
    properties,
    template,
    formText: formTextOf(template, properties),
    validator,
  };
}

function schemaToPropertiesFor(
  schema: NonNullable<ActionDeclaration['options']['input']>,
  caller: string,
): HalFormsProperty[] {
  try {
    return schemaToProperties(schema);
  } catch (error) {
    throw new TypeError(`${caller}: ${(error as Error).message}`, { cause: error });
  }
}

function checkSubPath(
  options: HandledActionOptions<unknown, unknown, unknown>,
  caller: string,
): string {
  if (typeof options.handle !== 'function')
    throw new TypeError(`${caller}: give a handle function, or a target for a navigation form`);
  const subPath = options.path ?? '';
  if (subPath !== '' && (!subPath.startsWith('/') || subPath.includes(':'))) {
    throw new TypeError(`${caller}: path must be a literal sub-path such as "/payment"`);
  }
  return subPath;
}

function checkNavigation(
  options: NavigationActionOptions<unknown, unknown, unknown>,
  caller: string,
): void {
  if (options.method !== 'GET')
    throw new TypeError(`${caller}: a form with a target (and no handler) must use GET`);
  if ('handle' in options)
    throw new TypeError(`${caller}: give either a handle function or a target, not both`);
}
