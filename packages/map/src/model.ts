/**
 * The workflow map's model: what a crawl of HAL and HAL-FORMS services found, as plain JSON so
 * that it can be saved, drawn and compared (`halway diff`). Nothing in it depends on the ports or
 * hosts a crawl ran against except `entry`, `origin` and the example URLs, so two maps of the
 * same services started on other ports compare equal.
 */

/** The `format` and `version` every saved map carries, so a reader knows what it holds. */
export const MAP_FORMAT = { format: 'halway-map', version: 1 } as const;

/** A service: every resource of one origin. */
export interface MapService {
  /** Its name: the title of its ALPS profile, else its origin's host and port. */
  id: string;
  /** The origin it was found at (informational: ports change between runs). */
  origin: string;
  /** The ALPS profile it publishes, if any. */
  profile?: string;
}

/** A constraint-bearing field of a form, as HAL-FORMS states it (or as ALPS declares it). */
export interface MapField {
  /** The field's name. */
  name: string;
  /** Whether a value must be given. */
  required?: boolean;
  /** The HTML5 input type. */
  type?: string;
  /** Whether the field is shown but not sent as changed. */
  readOnly?: boolean;
  /** Smallest value. */
  min?: number | string;
  /** Largest value. */
  max?: number | string;
  /** Fewest characters. */
  minLength?: number;
  /** Most characters. */
  maxLength?: number;
  /** Pattern a value must match. */
  regex?: string;
  /** The values of an inline option list. */
  options?: string[];
  /** Whether the options come from a link (so their values are not known here). */
  remoteOptions?: boolean;
}

/** A form (HAL-FORMS template) a kind of resource offers in at least one state. */
export interface MapForm {
  /** The template's name. */
  name: string;
  /** Its title. */
  title?: string;
  /** The HTTP method. */
  method: string;
  /** The fields, in order. */
  fields: MapField[];
}

/** A link relation a kind of resource offers in at least one state. */
export interface MapLink {
  /** The relation. */
  rel: string;
  /** The link's title. */
  title?: string;
}

/** A kind of resource (an ALPS state descriptor, or a path shape when there is no profile). */
export interface MapKind {
  /** `service/name`, unique in the map. */
  id: string;
  /** The service it belongs to. */
  service: string;
  /** The ALPS descriptor id (`order`) or the path shape (`/orders/{id}`). */
  name: string;
  /** A title for people. */
  title: string;
  /** Every relation seen or declared on it. */
  links: MapLink[];
  /** Every form seen or declared on it. */
  forms: MapForm[];
}

/** A state of a kind: the set of links and forms a resource offered at one moment. */
export interface MapState {
  /** Stable id: kind, status and the offered links and forms. */
  id: string;
  /** The kind's id. */
  kind: string;
  /** The service's id. */
  service: string;
  /** A label for people: the kind's title and the status. */
  label: string;
  /** The resource's `status` (or `state`) property, when it had one. */
  status?: string;
  /** The relations offered, sorted (self, profile, curies and paging left out). */
  links: string[];
  /** The forms offered, sorted. */
  forms: string[];
  /** A few URLs of resources seen in this state. */
  examples: string[];
}

/**
 * How a transition was found: a `link` or `form` seen and followed or submitted, an `effect` (a
 * resource elsewhere changed state after a submission), or `declared` in an ALPS profile only.
 */
export type MapTransitionType = 'link' | 'form' | 'effect' | 'declared';

/** A transition: from a state (or a kind, when only declared) to what it led to. */
export interface MapTransition {
  /** Stable id made of its ends and its name. */
  id: string;
  /** A state id, or a kind id for declared transitions. */
  from: string;
  /** A state id or kind id; absent when where it leads is not known. */
  to?: string;
  /** How it was found. */
  type: MapTransitionType;
  /** The relation or the form's name. */
  name: string;
  /** The link's or form's title. */
  title?: string;
  /** Whether it is safe (GET): links and GET forms are; other forms and effects are not. */
  safe: boolean;
  /** The HTTP method of a form. */
  method?: string;
  /** The service that offers it (the `from` side's). */
  service: string;
  /** For an effect, the submitted form that caused it (`kind form`). */
  cause?: string;
}

/** A request that failed while crawling. */
export interface MapError {
  /** The URL. */
  url: string;
  /** What went wrong. */
  message: string;
}

/** Everything one crawl found. */
export interface WorkflowMap {
  /** Always `halway-map`. */
  format: typeof MAP_FORMAT.format;
  /** The model's version. */
  version: typeof MAP_FORMAT.version;
  /** The URL the crawl started at. */
  entry: string;
  /** Whether forms were submitted (`--exercise`). */
  exercised: boolean;
  /** The services, in the order they were found. */
  services: MapService[];
  /** The kinds of resource, by service. */
  kinds: MapKind[];
  /** The states seen. */
  states: MapState[];
  /** The transitions seen or declared. */
  transitions: MapTransition[];
  /** How many documents were read. */
  documents: number;
  /** The requests that failed. */
  errors: MapError[];
}
