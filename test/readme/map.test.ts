import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createClient } from '@halway/client';
import { crawlWorkflow, type WorkflowMap } from '@halway/map';
import { startTasks } from '../cli/support/tasks-service.js';
import { checkRelease } from './map/release-check.js';

describe('@halway/map README', function () {
  this.timeout(60_000);
  let dir: string;
  let released: WorkflowMap;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'halway-map-readme-'));
    const tasks = await startTasks(1);
    try {
      released = await crawlWorkflow(createClient(), tasks.url);
    } finally {
      await tasks.close();
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('should draw the new release, keep what follows a form, and name what it broke', async () => {
    const tasks = await startTasks(2);
    try {
      const output = join(dir, 'map.svg');
      const { map, mermaid, breaking } = await checkRelease(tasks.url, output, {
        released,
        from: 'add-task',
      });
      expect(map.exercised).to.equal(true);
      expect(await readFile(output, 'utf8')).to.match(/^<\?xml[\s\S]*<svg [\s\S]*>tasks<\/text>/);
      expect(mermaid).to.match(/^flowchart LR\n/);
      expect(mermaid).to.include('Add a task');
      expect(breaking.map((change) => change.what)).to.include.members([
        'form "complete" removed',
        'newly required',
      ]);
    } finally {
      await tasks.close();
    }
  });
});
