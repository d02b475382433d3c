import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCommand } from '../command.js';
import { CliError, usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { scaffoldFiles } from '../scaffold/templates.js';

// This file sits in packages/cli/src/commands (or dist/commands) of a Halway checkout.
const CHECKOUT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const TSX = '^4.23.15';

/** `halway new <dir>`: a service project that installs and passes its own tests as generated. */
export const create = defineCommand({
  name: 'new',
  summary: 'Make a new service project: one resource with an action, a test and a README',
  usage: 'halway new <dir> [--name package-name] [--halway checkout]',
  description: `
Writes a service project into <dir> (new or empty): src/app.ts with one resource and one
state-driven action, src/main.ts to listen on a port, test/app.test.ts (node's test runner,
the service on port 0 walked with @halway/client), a README, package.json and tsconfig.json.
Then "npm install && npm test" passes.

The Halway packages are not published yet, so package.json refers to them with file: paths into
a Halway checkout: the one this halway runs from, or the one given with --halway.`,
  options: {
    name: { type: 'string', placeholder: 'package-name', description: 'The package name.' },
    halway: {
      type: 'string',
      placeholder: 'checkout',
      description: 'The Halway checkout to take the packages from.',
    },
  },
  examples: ['halway new tasks && cd tasks && npm install && npm test'],
  async run({ io, args, options, usage }) {
    if (args.length !== 1) throw usageError('new takes one directory.', usage);
    const dir = resolve(io.cwd, args[0]!);
    const name = typeof options.name === 'string' ? options.name : basename(dir);
    if (!/^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(name)) {
      throw usageError(
        `"${name}" is not a valid package name; give one with --name (lower case, no spaces).`,
        usage,
      );
    }
    const checkout =
      typeof options.halway === 'string' ? resolve(io.cwd, options.halway) : CHECKOUT;
    const pkg = (folder: string) => join(checkout, 'packages', folder);
    if (
      !existsSync(join(pkg('server'), 'package.json')) ||
      !existsSync(join(checkout, 'examples', 'hello', 'src', 'app.ts'))
    ) {
      throw new CliError(`${checkout} is not a Halway checkout.`, EXIT.CONFIG, {
        hint: 'Give the folder that holds packages/ and examples/hello with --halway <checkout>.',
      });
    }
    if (existsSync(dir) && (await readdir(dir)).length > 0) {
      throw new CliError(`${dir} is not empty; nothing was written.`, EXIT.USAGE, {
        hint: 'Name a new or empty directory.',
      });
    }
    // The service is the hello example's, which the checkout's own tests keep working.
    const example = join(checkout, 'examples', 'hello', 'src');
    const sources = {
      'app.ts': await readFile(join(example, 'app.ts'), 'utf8'),
      'main.ts': await readFile(join(example, 'main.ts'), 'utf8'),
    };
    const files = scaffoldFiles({
      name,
      sources,
      tsx: TSX,
      halway: {
        '@halway/server': `file:${pkg('server')}`,
        '@halway/hal': `file:${pkg('hal')}`,
        '@halway/explorer': `file:${pkg('explorer')}`,
        '@halway/map': `file:${pkg('map')}`,
        '@halway/client': `file:${pkg('client')}`,
      },
    });
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    // The service serves the explorer, whose bundle only a build of the checkout makes.
    const unbuilt = !existsSync(join(pkg('explorer'), 'static', 'manifest.json'));
    io.stdout.write(
      `Made ${name} in ${dir}:\n${Object.keys(files)
        .map((path) => `  ${path}\n`)
        .join('')}\n${
        unbuilt ? `First: npm run build -w @halway/explorer (in ${checkout})\n` : ''
      }Next: cd ${args[0]} && npm install && npm test\n`,
    );
  },
});
