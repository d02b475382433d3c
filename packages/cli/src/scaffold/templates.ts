/**
 * The Halway packages a new service depends on: the ones it imports, and `@halway/map`, which
 * the explorer needs and no registry has yet, so npm must find it beside the others.
 */
export type HalwayPackage =
  '@halway/server' | '@halway/hal' | '@halway/explorer' | '@halway/map' | '@halway/client';

/** What a new service's files say, given its name and where the Halway packages are. */
export interface ScaffoldValues {
  /** The package name (`my-service`). */
  name: string;
  /** `file:` specifiers of the Halway packages, by package name. */
  halway: Record<HalwayPackage, string>;
  /** The tsx version range the project runs TypeScript with. */
  tsx: string;
  /** The service's sources (`app.ts`, `main.ts`), taken from the checkout's hello example. */
  sources: Record<'app.ts' | 'main.ts', string>;
}

/** The files of a new service project, by path relative to its directory. */
export function scaffoldFiles(values: ScaffoldValues): Record<string, string> {
  return {
    'package.json': `${JSON.stringify(
      {
        name: values.name,
        version: '0.1.0',
        private: true,
        type: 'module',
        engines: { node: '>=20' },
        scripts: {
          start: 'node --conditions=halway-source --import tsx src/main.ts',
          test: 'node --conditions=halway-source --import tsx --test test/*.test.ts',
        },
        dependencies: {
          '@halway/explorer': values.halway['@halway/explorer'],
          '@halway/hal': values.halway['@halway/hal'],
          '@halway/map': values.halway['@halway/map'],
          '@halway/server': values.halway['@halway/server'],
        },
        devDependencies: {
          '@halway/client': values.halway['@halway/client'],
          tsx: values.tsx,
        },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          customConditions: ['halway-source'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        include: ['src', 'test'],
      },
      null,
      2,
    )}\n`,
    '.gitignore': 'node_modules/\n',
    'src/app.ts': values.sources['app.ts'],
    'src/main.ts': values.sources['main.ts'],
    'test/app.test.ts': TEST,
    'README.md': readme(values.name),
  };
}

const TEST = `import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@halway/client';
import { serve, silentLogger, type RunningService } from '@halway/server';
import { createApp } from '../src/app.js';

describe('the tasks service', () => {
  let service: RunningService;
  before(async () => {
    service = await serve(createApp(), { port: 0, host: '127.0.0.1', logger: silentLogger });
  });
  after(() => service.close());

  it('should add a task and offer to complete it only while it is not done', async () => {
    const client = createClient();
    const home = await client.go(\`\${service.url}/\`).get();
    const task = await home.form('add-task').submit({ title: 'Write the README' });
    assert.equal(task.status, 201);
    assert.deepEqual(task.properties, { title: 'Write the README', done: false });

    const done = await task.form('complete').submit({});
    assert.equal(done.properties.done, true);
    assert.equal(done.hasForm('complete'), false);
  });

  it('should refuse a task without a title, saying which field', async () => {
    const client = createClient();
    const home = await client.go(\`\${service.url}/\`).get();
    await assert.rejects(home.form('add-task').submit({ title: '' }), /title/);
  });
});
`;

function readme(name: string): string {
  return `# ${name}

A HAL and HAL-FORMS service made with Halway (\`halway new\`): one resource (a task)
with one action (complete), offered only while the task is not done. The action's declaration
drives its HAL-FORMS template, the validation of what is sent, and the 409 when it is not allowed.

\`\`\`sh
npm install
npm test        # starts the service on a free port and walks it with @halway/client
npm start       # listens on $PORT (default 3000)
\`\`\`

Then, with the \`halway\` command line:

\`\`\`sh
halway get http://localhost:3000/
halway submit http://localhost:3000/ add-task title="Buy milk" --follow
halway map http://localhost:3000/ --exercise --format svg -o map.svg
\`\`\`

The Halway packages are not on a registry yet: \`package.json\` points at them with \`file:\`
paths into the Halway checkout this project was made from, and runs their TypeScript sources
directly (\`--conditions=halway-source\` with tsx). The service serves the explorer to browsers,
whose bundle is built in that checkout (\`npm run build -w @halway/explorer\` there).

- \`src/app.ts\`: the service (\`createApp()\`), with its resource and action.
- \`src/main.ts\`: listens on a port.
- \`test/app.test.ts\`: the service on port 0, driven through its links and forms.
`;
}
