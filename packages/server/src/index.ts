export { createService, type Service, type ServiceOptions } from './service.js';
export {
  serve,
  SERVE_DEFAULTS,
  type RunningService,
  type ServeLimits,
  type ServeOptions,
} from './serve.js';
export { answerClientError } from './http/client-error.js';
export { MAX_JSON_DEPTH } from './http/json-depth.js';
export { absoluteDocument, absoluteHref } from './links/absolute.js';
export type { RelationDoc, RelationsOptions } from './links/relations.js';
export {
  defineResource,
  Resource,
  type AnyResource,
  type Awaitable,
  type EmbeddedMap,
  type LinkMap,
  type ResourceOf,
  type ResourceOptions,
  type ResourceWithParams,
} from './resource/resource.js';
export type { PathParamNames, ResourceParams } from './resource/paths.js';
export type {
  ActionContentType,
  ActionInput,
  ActionMethod,
  ActionOptions,
  HandledActionOptions,
  NavigationActionOptions,
} from './resource/action.js';
export type { ActionContext, PrepareContext, RequestContext } from './resource/context.js';
export {
  accepted,
  created,
  noContent,
  ok,
  seeOther,
  type ActionResponse,
  type ActionResult,
  type ResourceLocation,
} from './resource/results.js';
export {
  defineCollection,
  type CollectionOptions,
  type CollectionPage,
  type CollectionQuery,
  type CollectionState,
} from './resource/collection.js';
export { defineHome, type HomeOptions } from './resource/home.js';
export {
  HttpProblem,
  PROBLEMS,
  problemType,
  type HttpProblemOptions,
  type ProblemCode,
} from './errors.js';
export { createJsonLogger, silentLogger, type LogFields, type Logger } from './logger.js';
export { ALLOWED_HEADERS, EXPOSED_HEADERS, type CorsOptions } from './http/cors.js';
export { representationMediaTypes, representations } from './representations/registry.js';
export type { Representation } from './representations/representation.js';
export {
  anyAuthentication,
  apiKeyAuthentication,
  bearerAuthentication,
  type Authentication,
  type Caller,
} from './auth/authentication.js';
export { jwtAuthentication, type JwtAuthenticationOptions } from './auth/jwt.js';
export {
  DEFAULT_IDEMPOTENCY_TTL,
  type IdempotencyOptions,
  type StoredResponse,
} from './idempotency/idempotency.js';
export { createPeers, type PeerConfig, type Peers, type PeersOptions } from './peers/peers.js';
export type { OutboxOptions } from './outbox/relay.js';
export type { OutboxOperator } from './outbox/operator.js';
export type { OutboxMessage, OutboxStats, ServiceOutbox } from './outbox/view.js';
export { ALPS_MEDIA_TYPE, PROFILE_PATH } from './alps/publish.js';
export type { AlpsDescriptor, AlpsDocument, AlpsExtension } from './alps/descriptors.js';
export {
  createMemoryStore,
  createPostgresStore,
  createSqliteStore,
  DEFAULT_TRANSACTION_TIMEOUT,
  type PostgresStoreOptions,
  type SqliteStoreOptions,
  type Store,
} from './storage/store.js';
export { documentVersion } from './storage/unit-of-work.js';
export type {
  Documents,
  FindQuery,
  FoundDocuments,
  PeerMessage,
  StoredDocument,
  Transaction,
} from './storage/types.js';
