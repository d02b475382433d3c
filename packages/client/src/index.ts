export { HalwayClient, createClient, type FetchOptions } from './client.js';
export { Resource } from './resource.js';
export { Follower, type FollowOptions } from './follower.js';
export { State, type StateInit, type StateSource } from './state.js';
export { Form, type FormField, type SubmitOptions } from './form.js';
export { PendingForm } from './pending-form.js';
export { Submission, type PendingSubmission, type SendOptions } from './submission.js';
export {
  basicAuth,
  bearerAuth,
  setHeaders,
  type Middleware,
  type MiddlewareScope,
  type Next,
  type OriginPattern,
  type SetHeadersOptions,
  type TokenSource,
} from './middleware.js';
export { oauth2ClientCredentials, type OAuth2ClientCredentialsOptions } from './oauth2.js';
export type {
  CacheMode,
  ClientOptions,
  Clock,
  DeprecationNotice,
  RequestOptions,
  RetryOptions,
} from './options.js';
export type { CacheStatus, Hop } from './trace.js';
export {
  type FollowStep,
  type RunOptions,
  type SubmitStep,
  type WaitStep,
  type WorkflowCursor,
  type WorkflowResult,
  type WorkflowStep,
} from './workflow.js';
export {
  AbortError,
  ClientError,
  ConflictError,
  FormNotFoundError,
  HttpError,
  InvalidFormError,
  LinkNotFoundError,
  MissingVariablesError,
  NetworkError,
  Problem,
  TimeoutError,
  TooManyRedirectsError,
  type ClientErrorCode,
  type HttpErrorInit,
} from './errors.js';
export {
  RESOURCE_ACCEPT,
  acceptHeader,
  representations,
  type Representation,
} from './representations.js';
export type {
  DefaultFormOf,
  FormNameOf,
  FormOf,
  FormType,
  InputOf,
  LinkTargetOf,
  PropertiesOf,
  RelOf,
  ResourceType,
  ResultOf,
  UntypedResource,
} from './typing.js';
