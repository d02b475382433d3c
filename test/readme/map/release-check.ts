// The @halway/map README's sample: map the services reachable from one URL (submitting their
// forms), draw them, keep what follows one form, and list what changed incompatibly since a
// released map. The places it reads and writes are parameters, so a test can run it anywhere.
import { writeFile } from 'node:fs/promises';
import { createClient } from '@halway/client';
import { crawlWorkflow, diffMaps, reachableFrom, toMermaid } from '@halway/map';
import type { MapChange, WorkflowMap } from '@halway/map';
import { renderSvg } from '@halway/map/svg';

/** What {@link checkRelease} found. */
export interface ReleaseCheck {
  /** The map of the services as they are now. */
  map: WorkflowMap;
  /** What can happen after the form or link `from`, in Mermaid. */
  mermaid: string;
  /** The changes since the released map that break its clients. */
  breaking: MapChange[];
}

/**
 * Maps the services reachable from `entry`, writes their picture (SVG) to `output`, and
 * compares the map with `released`. It submits forms: run it on a test deployment only.
 */
export async function checkRelease(
  entry: string,
  output: string,
  options: { released: WorkflowMap; from: string },
): Promise<ReleaseCheck> {
  const { released, from } = options;
  const map = await crawlWorkflow(createClient(), entry, { exercise: true });
  await writeFile(output, await renderSvg(map));
  const mermaid = toMermaid(reachableFrom(map, from));
  const breaking = diffMaps(released, map).filter((change) => change.breaking);
  return { map, mermaid, breaking };
}
