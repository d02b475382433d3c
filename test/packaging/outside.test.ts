import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HELLO = join(ROOT, 'examples/hello/src');
const TSC = join(ROOT, 'node_modules/.bin/tsc');

/** Starts `node main.js` in `project` and resolves with the URL it prints once it listens. */
function startService(project: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: project,
    env: { ...process.env, PORT: '0', TASKS_DB: join(project, 'tasks.db'), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL in 20 s: ${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Tasks service at (\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

// What the README tells a user to do with the tarballs, in a project outside this workspace:
// install them with npm, compile against their types, run with plain node (no tsx, no conditions).
describe('the packages, installed from tarballs outside the repository', function () {
  this.timeout(300_000);
  let directory: string;
  let project: string;
  let service: ChildProcess | undefined;

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'halway-outside-'));
    project = join(directory, 'project');
    const packed = await run(process.execPath, [
      join(ROOT, 'scripts/pack.js'),
      '--destination',
      join(directory, 'tarballs'),
    ]);
    const tarballs = packed.stdout.trim().split('\n');
    expect(tarballs.map((file) => file.replace(/^.*\//, ''))).to.include.members([
      'halway-hal-0.1.0.tgz',
      'halway-server-0.1.0.tgz',
      'halway-client-0.1.0.tgz',
      'halway-explorer-0.1.0.tgz',
      'halway-cli-0.1.0.tgz',
      'halway-testing-0.1.0.tgz',
    ]);
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'outside', private: true, type: 'module' }),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          strict: true,
          types: ['node'],
          rootDir: 'src',
          outDir: 'dist',
        },
        include: ['src'],
      }),
    );
    for (const file of ['app.ts', 'main.ts', 'client.ts'])
      copyFileSync(join(HELLO, file), join(project, 'src', file));
    // Install scripts are skipped: better-sqlite3's would compile its addon for a minute (no
    // prebuilt one can be downloaded here). The workspace's build of the same version is copied
    // in after the install instead; everything else installs exactly as a user's would.
    const wanted = tarballs.filter((file) => !/halway-testing/.test(file));
    await run(
      'npm',
      [
        'install',
        '--ignore-scripts',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        ...wanted,
        'express@^5',
        '@types/node@^20',
        '@types/express@^5',
      ],
      { cwd: project, timeout: 240_000 },
    );
    const addon = (root: string) => join(root, 'node_modules/better-sqlite3');
    const version = (root: string) =>
      (JSON.parse(readFileSync(join(addon(root), 'package.json'), 'utf8')) as { version: string })
        .version;
    expect(version(project)).to.equal(version(ROOT));
    mkdirSync(join(addon(project), 'build/Release'), { recursive: true });
    copyFileSync(
      join(addon(ROOT), 'build/Release/better_sqlite3.node'),
      join(addon(project), 'build/Release/better_sqlite3.node'),
    );
  });

  after(() => {
    service?.kill();
    rmSync(directory, { recursive: true, force: true });
  });

  it('should compile a service and a client against the packages’ own type declarations', async () => {
    // tsc prints its errors on stdout: the expectation shows them when there are any.
    const compiled = await run(TSC, ['-p', project], { cwd: project }).catch(
      (error: Error & { stdout?: string }) => ({ stdout: error.stdout || error.message }),
    );
    expect(compiled.stdout).to.equal('');
  });

  it('should run the service and the client with plain node, the explorer included', async () => {
    const started = await startService(project);
    service = started.child;
    const { url } = started;
    const client = await run(process.execPath, ['dist/client.js', url], {
      cwd: project,
      env: { ...process.env, NODE_OPTIONS: '' },
      timeout: 30_000,
    });
    const task = `${url}tasks/[0-9a-f-]{36}`;
    expect(client.stdout).to.match(
      new RegExp(`^added ${task}, which offers complete: true\ncompleted ${task}: done is true\n$`),
    );
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).to.equal(200);
    const script = /src="([^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).to.be.a('string');
    expect((await fetch(new URL(script!, url))).status).to.equal(200);
  });

  it('should install the command line as a bin that runs on plain node', async () => {
    const help = await run(join(project, 'node_modules/.bin/halway'), ['--version'], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(help.stdout.trim()).to.match(/\d+\.\d+\.\d+/);
  });
});
