import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ensureBundle } from '../explorer/support/bundle.js';
import { halway } from './support/halway.js';

/** Runs npm in a directory, bounded in time, and resolves with its exit code and output. */
function npm(args: string[], cwd: string, timeout: number) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      'npm',
      [...args, '--no-audit', '--no-fund', '--prefer-offline'],
      { cwd, timeout, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: stdout + stderr });
      },
    );
  });
}

describe('halway new (the CLI, as a process)', function () {
  this.timeout(240_000);
  let dir: string;

  before(async () => {
    // The generated service serves the explorer from the checkout's bundle.
    ensureBundle();
    dir = await mkdtemp(join(tmpdir(), 'halway-new-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('should make a project that installs and passes its own tests as generated', async () => {
    const made = await halway(['new', 'tasks-service'], {}, { cwd: dir });
    expect(made.code, made.stderr).to.equal(0);
    expect(made.stdout).to.include('Next: cd tasks-service && npm install && npm test');
    const project = join(dir, 'tasks-service');
    const pkg = JSON.parse(await readFile(join(project, 'package.json'), 'utf8')) as {
      name: string;
      dependencies: Record<string, string>;
    };
    expect(pkg.name).to.equal('tasks-service');
    expect(pkg.dependencies['@halway/server']).to.match(/^file:\/.*\/packages\/server$/);
    // The hello example it copies serves the explorer, which needs @halway/map beside it.
    expect(pkg.dependencies['@halway/explorer']).to.match(/^file:\/.*\/packages\/explorer$/);
    expect(pkg.dependencies['@halway/map']).to.match(/^file:\/.*\/packages\/map$/);
    expect(await readFile(join(project, 'src/app.ts'), 'utf8')).to.include(".action('complete'");
    expect(await readFile(join(project, 'README.md'), 'utf8')).to.match(/^# tasks-service\n/);

    const install = await npm(['install'], project, 150_000);
    expect(install.code, install.output).to.equal(0);
    const test = await npm(['test'], project, 60_000);
    expect(test.code, test.output).to.equal(0);
    expect(test.output).to.match(/# pass 2\n/);
    expect(test.output).to.match(/# fail 0\n/);
  });

  it('should write nothing into a directory that is not empty, nor with a bad name', async () => {
    await writeFile(join(dir, 'keep.txt'), 'mine');
    const full = await halway(['new', '.', '--name', 'mine'], {}, { cwd: dir });
    expect(full.code).to.equal(2);
    expect(full.stderr).to.include('is not empty; nothing was written.');
    const named = await halway(['new', 'x', '--name', 'Not A Name'], {}, { cwd: dir });
    expect(named.code).to.equal(2);
    expect(named.stderr).to.include('--name');
  });
});
