import { Problem, type Form, type State } from '@halway/client';
import { coerceFormValues } from '@halway/hal';
import { defineCommand } from '../command.js';
import { parseUrlArgument, usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { isInteractive } from '../io.js';
import { renderState } from '../output/render-state.js';
import { printJson, stateJson } from '../output/state-json.js';
import { inert } from '../output/style.js';
import { askFields, askForm } from '../prompts/ask-form.js';
import { parseAssignments } from '../values.js';

// Each round after a 422 asks again only the fields the server named; a bounded number of rounds.
const MAX_ROUNDS = 5;

/** `halway submit <url> <form> [field=value…]`: fills in a HAL-FORMS template and sends it. */
export const submit = defineCommand({
  name: 'submit',
  summary: "Fill in one of a resource's forms (prompting on a terminal) and send it",
  usage: 'halway submit <url> <form> [field=value | field:=json]… [--follow] [--no-input] [--json]',
  description: `
Reads the resource at <url>, takes its HAL-FORMS template <form>, and sends it.

On a terminal it asks for each field not given on the command line: a list to pick from when the
field has options (fetched when they come from a link), the field's value as the default,
read-only fields shown and not asked. Every constraint is checked as you answer, and if the
server still rejects a value (422) it asks again for the fields it named.

In a script (no terminal, or --no-input) it takes field=value arguments (typed per field: numbers,
booleans, options) and field:=json for lists and objects; fields left out take their default.
Invalid values are reported field by field, nothing is sent, and the exit code is 4.

Unsafe requests carry an Idempotency-Key, so the retries the client makes on a lost connection
or a 503 never apply the action twice. --follow shows the resource the submission led to.`,
  options: {
    follow: { type: 'boolean', description: 'Show the created (or changed) resource in full.' },
    'no-input': { type: 'boolean', description: 'Never prompt, even on a terminal.' },
  },
  examples: [
    'halway submit http://localhost:4001/ place-order   # asks for each field',
    'halway submit http://localhost:4001/ place-order drink=latte size=large quantity=2 --follow',
    'order=$(halway submit http://localhost:4001/ place-order drink=tea --json | jq -r .url)',
  ],
  async run({ io, args, options, global, style, client, usage }) {
    const [target, name, ...assignments] = args;
    const url = parseUrlArgument(target, usage);
    if (name === undefined) throw usageError('Name the form to submit.', usage);
    const given = parseAssignments(assignments, usage);
    const state = await (await client()).go(url).get();
    const form = state.form(name);
    let values = {
      ...coerceFormValues(form.fields, given.raw),
      ...given.json,
    };
    const interactive = isInteractive(io) && options['no-input'] !== true;
    if (interactive) values = await askForm(form, values, io, style);

    let result: State | undefined;
    for (let round = 1; result === undefined; round++) {
      try {
        result = await form.submit(values);
      } catch (error) {
        const fields = rejectedFields(error, form);
        if (!interactive || fields.length === 0 || round >= MAX_ROUNDS) throw error;
        for (const problem of (error as Problem).errors) {
          io.stderr.write(
            style.red(`${inert(problem.field ?? problem.pointer)}: ${inert(problem.detail)}\n`),
          );
        }
        values = await askFields(form, fields, values, io, style);
      }
    }
    if (global.json) io.stdout.write(printJson(stateJson(result)));
    else if (options.follow === true) io.stdout.write(renderState(result, style));
    else {
      const status = (result.properties as { status?: unknown }).status;
      io.stdout.write(
        `${style.green(inert(form.title))}: ${result.status} ${inert(result.url)}` +
          (typeof status === 'string' ? ` (${inert(status)})` : '') +
          '\n',
      );
    }
    return EXIT.OK;
  },
});

// The fields a 422 named that the form has, to ask again.
function rejectedFields(error: unknown, form: Form): string[] {
  if (!(error instanceof Problem) || error.status !== 422) return [];
  const names = error.errors.map((problem) => problem.field).filter((field) => field !== undefined);
  return [...new Set(names)].filter((field) => form.field(field) && !form.field(field)!.readOnly);
}
