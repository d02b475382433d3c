import type { FormRequest, ProblemDocument, ResolvedTemplate } from '@halway/hal';
import type { Target } from './nav/targets.js';

/** How a step is named in the trail: the rel or template used, and its method. */
export interface Step {
  /** The rel, template name or way the step was taken. */
  label: string;
  /** The request's method (GET for links). */
  method: string;
  /** The link's `deprecation` URL, when it has one: the explorer warns once it is followed. */
  deprecation?: string;
}

/** How a submission went, for the form that sent it. */
export interface SubmitResult {
  /** The response's status; absent when no response came (a network error). */
  status?: number;
  /** The problem+json answer, when there was one. */
  problem?: ProblemDocument;
}

/** The explorer's settings, kept for the tab's session. */
export interface Settings {
  /** Open the resource a 201 created at once, instead of offering it one click away. */
  followCreated: boolean;
  /** Check form values with the form model before sending (off: let the server judge). */
  validate: boolean;
}

/**
 * What the views may ask of the explorer. Views only render and report: every request, every
 * navigation and the trail belong to the explorer behind this interface.
 */
export interface ExplorerActions {
  /** The page's origin. */
  readonly origin: string;
  /** The current settings. */
  readonly settings: Settings;
  /** Where an absolute URL leads. */
  target(url: string): Target;
  /** The hue a service is drawn in: its own within the trail. */
  hue(origin: string): number;
  /**
   * The href an anchor to `url` carries: the URL, or for a peer service the URL with the trail in
   * its fragment; undefined when the URL is never followed.
   */
  anchorHref(url: string, step: Step): string | undefined;
  /** Goes to a URL: shown in the page when it is here, else opened on its own service. */
  go(url: string, step: Step): void;
  /** Sends a form's request to this origin and shows the outcome. */
  submit(template: ResolvedTemplate, request: FormRequest): Promise<SubmitResult>;
  /** The href that opens a template of another service on that service's explorer, if it is a peer. */
  handOverHref(template: ResolvedTemplate): string | undefined;
  /** Fetches an option list from this origin. */
  fetchOptions(url: string, type: string | undefined): Promise<unknown[]>;
  /** Opens the documentation of a CURIE rel beside the resource. */
  showDocs(rel: string, url: string): void;
  /** Asks the person to confirm an irreversible request. */
  confirm(title: string, message: string, action: string): Promise<boolean>;
}
