import type { HalwayClient } from '@halway/client';
import { Crawler, type CrawlLimits } from './crawler.js';
import { exerciseWorkflow, type ExerciseLimits } from './exercise.js';
import type { WorkflowMap } from './model.js';

/** What a crawl has done so far, for a progress line. */
export interface CrawlProgress {
  /** Documents read. */
  documents: number;
  /** Services found. */
  services: number;
  /** Requests that failed. */
  errors: number;
  /** Forms submitted (with `exercise`). */
  submissions: number;
}

/** Options of {@link crawlWorkflow}. */
export interface CrawlOptions extends CrawlLimits, ExerciseLimits {
  /**
   * Submit unsafe forms with generated values to find the states later in a workflow. It
   * changes data: only for test and staging deployments.
   */
  exercise?: boolean;
  /** Called whenever something was read or submitted. */
  onProgress?: (progress: CrawlProgress) => void;
}

/**
 * Crawls the services reachable from `entry` (through `client`, with its per-origin credentials)
 * and returns their {@link WorkflowMap}: kinds per service from their ALPS profiles, the states
 * seen and the transitions between them.
 *
 * @example
 * const map = await crawlWorkflow(createClient(), 'http://localhost:4001/', { exercise: true });
 * console.log(await renderSvg(map));
 */
export async function crawlWorkflow(
  client: HalwayClient,
  entry: string,
  options: CrawlOptions = {},
): Promise<WorkflowMap> {
  let submissions = 0;
  const report = () => options.onProgress?.({ ...crawler.builder.progress(), submissions });
  const crawler = new Crawler(client, entry, options, report);
  await crawler.crawl(entry);
  if (options.exercise === true) {
    await exerciseWorkflow(crawler, options, (count) => {
      submissions = count;
      report();
    });
  }
  report();
  return crawler.builder.build(options.exercise === true);
}
