export {
  MAP_FORMAT,
  type MapError,
  type MapField,
  type MapForm,
  type MapKind,
  type MapLink,
  type MapService,
  type MapState,
  type MapTransition,
  type MapTransitionType,
  type WorkflowMap,
} from './model.js';
export {
  isAlpsDocument,
  readAlpsKinds,
  type AlpsDescriptor,
  type AlpsDocument,
  type DeclaredKind,
  type DeclaredTransition,
} from './alps.js';
export { MapBuilder, type Observation, type TransitionInput } from './builder.js';
export { crawlWorkflow, type CrawlOptions, type CrawlProgress } from './crawl.js';
export type { CrawlLimits } from './crawler.js';
export type { ExerciseLimits } from './exercise.js';
export { originAllowlist } from './origins.js';
export { sampleValues } from './sample-values.js';
export { sampleFromRegex } from './sample-regex.js';
export { fieldShape, pathShape } from './shapes.js';
export {
  edgeLabel,
  edgeStyle,
  workflowGraph,
  type EdgeStyle,
  type GraphCluster,
  type GraphEdge,
  type GraphNode,
  type WorkflowGraph,
  type WorkflowGraphOptions,
} from './graph.js';
export { reachableFrom } from './filter.js';
export { SERVICE_COLOURS, toDot } from './dot.js';
export { toMermaid } from './mermaid.js';
export { diffMaps, type MapChange } from './diff.js';
export { readMap } from './read-map.js';
export {
  layoutColumns,
  type GraphLayout,
  type PlacedBox,
  type PlacedEdge,
  type PlacedNode,
} from './layout.js';
