import { usageError } from './errors.js';

/** Values from the command line: raw strings to type per field, and JSON values as they are. */
export interface Assignments {
  /** `name=value`: a string (a list when the name is given twice), typed later per field. */
  raw: Record<string, string | string[]>;
  /** `name:=json`: numbers, booleans, lists and objects exactly as written. */
  json: Record<string, unknown>;
}

/** Reads `name=value` and `name:=json` arguments. */
export function parseAssignments(args: readonly string[], usage: string): Assignments {
  const assignments: Assignments = { raw: {}, json: {} };
  for (const arg of args) {
    const match = /^([^=:]+)(:?=)([\s\S]*)$/.exec(arg);
    if (!match) throw usageError(`"${arg}" is not field=value (or field:=json).`, usage);
    const [, name, operator, text] = match as unknown as [string, string, string, string];
    if (operator === ':=') {
      try {
        assignments.json[name] = JSON.parse(text);
      } catch {
        throw usageError(`The value of ${name}:= is not JSON: ${text}`, usage);
      }
    } else {
      const previous = assignments.raw[name];
      assignments.raw[name] = previous === undefined ? text : [...[previous].flat(), text];
    }
  }
  return assignments;
}

/** Reads `--var name=value` options into URI template variables (strings, as typed). */
export function parseVariables(vars: unknown, usage: string): Record<string, string | string[]> {
  const list = Array.isArray(vars) ? (vars as string[]) : [];
  const variables: Record<string, string | string[]> = {};
  for (const item of list) {
    const at = item.indexOf('=');
    if (at <= 0) throw usageError(`--var takes name=value (got "${item}").`, usage);
    const name = item.slice(0, at);
    const value = item.slice(at + 1);
    const previous = variables[name];
    variables[name] = previous === undefined ? value : [...[previous].flat(), value];
  }
  return variables;
}
