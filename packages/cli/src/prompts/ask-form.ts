import { checkbox, confirm, input, password, select } from '@inquirer/prompts';
import type { Form, FormField } from '@halway/client';
import { coerceFormValues, isBoolean, type UriTemplateVariables } from '@halway/hal';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { describeField, showValue } from '../output/describe-field.js';
import { inert, type Style } from '../output/style.js';

/**
 * Asks on the terminal for every field of `form` that `given` leaves out, in the template's
 * order: read-only fields are shown, not asked; fields with options become a list to pick from
 * (remote lists fetched); each answer is checked against every constraint before moving on.
 */
export async function askForm(
  form: Form,
  given: Record<string, unknown>,
  io: CliIo,
  style: Style,
): Promise<Record<string, unknown>> {
  io.stderr.write(
    `${style.bold(inert(form.title))}  ${style.dim(`${form.method} ${inert(form.target)}`)}\n`,
  );
  const values = { ...given };
  for (const field of form.fields) {
    if (field.readOnly) {
      const value = values[field.name] ?? form.initialValues()[field.name];
      io.stderr.write(
        `${style.dim(`  ${label(field)}: ${value === undefined ? '-' : showValue(value)} (read-only)`)}\n`,
      );
      continue;
    }
    if (field.name in given) continue;
    await ask(form, field, values, io);
  }
  return values;
}

/** Asks again for the named fields (after the server rejected them), their last answers as defaults. */
export async function askFields(
  form: Form,
  names: readonly string[],
  values: Record<string, unknown>,
  io: CliIo,
  style: Style,
): Promise<Record<string, unknown>> {
  io.stderr.write(style.yellow(`The server did not accept ${names.join(', ')}; try again.\n`));
  const next = { ...values };
  for (const name of names) await ask(form, form.field(name)!, next, io, true);
  return next;
}

async function ask(
  form: Form,
  field: FormField,
  values: Record<string, unknown>,
  io: CliIo,
  again = false,
): Promise<void> {
  const context = { input: io.stdin, output: io.terminal, clearPromptOnDone: false };
  const message = `${label(field)}${field.required ? '' : ' (optional)'}`;
  const hint = describeField(field).filter(
    (part) => !part.startsWith('one of:') && !part.startsWith('options from'),
  );
  // Answers are checked with the form's own validation, for this field only.
  const check = async (value: unknown): Promise<string | true> => {
    const errors = await form.validate({ ...values, [field.name]: value });
    const mine = errors.filter((error) => error.field === field.name);
    return mine.length === 0 ? true : mine.map((error) => error.message).join('; ');
  };
  const current = values[field.name] ?? (again ? undefined : form.initialValues()[field.name]);
  try {
    let answer: unknown;
    if (field.options) {
      const options = await form.choices(field.name, values as UriTemplateVariables);
      const choices: { name: string; value: unknown }[] = options.map((option) => ({
        name:
          String(option.value) === option.prompt
            ? inert(option.prompt)
            : `${inert(option.prompt)} (${inert(String(option.value))})`,
        value: option.value,
      }));
      if (!field.required && !field.multiple) choices.push({ name: '(none)', value: undefined });
      const selected = [current].flat();
      if (field.multiple) {
        answer = await checkbox(
          {
            message,
            choices: choices.map((choice) => ({
              ...choice,
              checked: selected.some((value) => String(value) === String(choice.value)),
            })),
            validate: (picked) => check(picked.map((choice) => choice.value)),
          },
          context,
        );
      } else {
        const start = choices.find((choice) =>
          selected.some((value) => String(value) === String(choice.value)),
        );
        answer = await select(
          { message, choices, ...(start ? { default: start.value } : {}) },
          context,
        );
        const verdict = await check(answer);
        if (verdict !== true) {
          io.stderr.write(`  ${verdict}\n`);
          return ask(form, field, values, io, again);
        }
      }
    } else if (isBoolean(field)) {
      answer = await confirm({ message, default: current === true }, context);
    } else {
      const read = field.type === 'password' ? password : input;
      const typed = (text: string) => coerceFormValues([field], { [field.name]: text })[field.name];
      const text = await read(
        {
          message: hint.length ? `${message} ${inertDim(hint.join(' · '))}` : message,
          ...(current !== undefined && field.type !== 'password'
            ? { default: showValue(current) }
            : {}),
          validate: (text: string) => check(typed(text)),
        },
        context,
      );
      answer = typed(text);
    }
    if (answer === undefined) delete values[field.name];
    else values[field.name] = answer;
  } catch (error) {
    if (
      (error as Error).name === 'ExitPromptError' ||
      (error as Error).name === 'AbortPromptError'
    ) {
      throw new CliError('Cancelled; nothing was sent.', EXIT.INTERRUPTED);
    }
    throw error;
  }
}

function label(field: FormField): string {
  return inert(field.prompt ?? field.name);
}

function inertDim(text: string): string {
  return `(${text})`;
}
