import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

/** A secret written in the config, or `{ "env": "NAME" }` to read it from the environment. */
export type SecretSource = string | { env: string };

/** One credential and the origins it is for. */
export type CredentialEntry = {
  /** An origin (`https://orders.example`) or a glob (`http://127.0.0.1:*`); never `*`. */
  origin: string | string[];
} & (
  | { bearer: SecretSource }
  | { basic: { user: string; password: SecretSource } }
  | { header: { name: string; value: SecretSource } }
);

/** A credential read and checked, its secret resolved. */
export interface Credential {
  /** The origins (patterns) it is sent to. */
  origins: string[];
  /** `bearer`, `basic` or `header`. */
  kind: 'bearer' | 'basic' | 'header';
  /** How `--verbose` names it without showing the secret (`bearer`, `basic ada`, `header x-api-key`). */
  label: string;
  /** The token (bearer), the password (basic) or the header value. */
  secret: string;
  /** The user (basic) or the header name (header). */
  name?: string;
  /** Where it came from: the file's path or `HALWAY_CREDENTIALS`. */
  from: string;
}

/** The config file used: `--config`, else `HALWAY_CONFIG`, else `~/.config/halway/config.json`. */
export function configPath(
  io: CliIo,
  option: string | undefined,
): { path: string; explicit: boolean } {
  const given = option ?? io.env.HALWAY_CONFIG;
  if (given) return { path: resolve(io.cwd, given), explicit: true };
  const base = io.env.XDG_CONFIG_HOME || join(io.env.HOME ?? homedir(), '.config');
  return { path: join(base, 'halway', 'config.json'), explicit: false };
}

/**
 * Reads the credentials: the config file's `credentials` list, then `HALWAY_CREDENTIALS` (a JSON
 * list of the same entries, for CI). A missing default file is no error; a missing explicit one,
 * a malformed entry, an entry for every origin (`*`) or an unset environment variable is.
 */
export async function loadCredentials(
  io: CliIo,
  option: string | undefined,
): Promise<Credential[]> {
  const { path, explicit } = configPath(io, option);
  const entries: { entry: unknown; from: string }[] = [];
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (explicit || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new CliError(`Cannot read the config file ${path}.`, EXIT.CONFIG, {
        hint: 'Check the path given by --config or HALWAY_CONFIG.',
        cause: error,
      });
    }
  }
  if (text !== undefined) {
    const config = parseJson(text, path) as { credentials?: unknown };
    for (const entry of listOf(config?.credentials ?? [], path))
      entries.push({ entry, from: path });
  }
  if (io.env.HALWAY_CREDENTIALS) {
    const from = 'HALWAY_CREDENTIALS';
    for (const entry of listOf(parseJson(io.env.HALWAY_CREDENTIALS, from), from)) {
      entries.push({ entry, from });
    }
  }
  return entries.map(({ entry, from }, index) => readEntry(entry, from, index, io));
}

function parseJson(text: string, from: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${from} is not valid JSON: ${(error as Error).message}`, EXIT.CONFIG, {
      hint: 'See "halway get --help" for the format.',
    });
  }
}

function listOf(value: unknown, from: string): unknown[] {
  if (!Array.isArray(value)) throw configError(from, 'credentials must be a list of entries');
  return value;
}

function readEntry(raw: unknown, from: string, index: number, io: CliIo): Credential {
  const where = `${from}, credential ${index + 1}`;
  if (typeof raw !== 'object' || raw === null)
    throw configError(where, 'an entry must be an object');
  const entry = raw as Record<string, unknown>;
  const origins = (Array.isArray(entry.origin) ? entry.origin : [entry.origin]) as unknown[];
  for (const origin of origins) {
    if (typeof origin !== 'string' || !/^https?:\/\/[^/]+$/.test(origin)) {
      throw configError(
        where,
        `"origin" must be like https://orders.example (got ${JSON.stringify(origin)})`,
      );
    }
  }
  const base = { origins: origins as string[], from };
  if ('bearer' in entry) {
    return {
      ...base,
      kind: 'bearer',
      label: 'bearer token',
      secret: secret(entry.bearer, where, io),
    };
  }
  if ('basic' in entry) {
    const basic = entry.basic as { user?: unknown; password?: unknown } | null;
    if (typeof basic?.user !== 'string' || basic.user.includes(':')) {
      throw configError(where, '"basic" needs a "user" without ":" and a "password"');
    }
    return {
      ...base,
      kind: 'basic',
      label: `basic ${basic.user}`,
      name: basic.user,
      secret: secret(basic.password, where, io),
    };
  }
  if ('header' in entry) {
    const header = entry.header as { name?: unknown; value?: unknown } | null;
    if (typeof header?.name !== 'string' || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(header.name)) {
      throw configError(where, '"header" needs a "name" (like x-api-key) and a "value"');
    }
    const name = header.name.toLowerCase();
    return {
      ...base,
      kind: 'header',
      label: `header ${name}`,
      name,
      secret: secret(header.value, where, io),
    };
  }
  throw configError(where, 'an entry needs "bearer", "basic" or "header"');
}

function secret(source: unknown, where: string, io: CliIo): string {
  if (typeof source === 'string') return source;
  const name = (source as { env?: unknown } | null)?.env;
  if (typeof name !== 'string')
    throw configError(where, 'a secret is a string or { "env": "NAME" }');
  const value = io.env[name];
  if (value === undefined || value === '') {
    throw new CliError(`${where} reads its secret from $${name}, which is not set.`, EXIT.CONFIG, {
      hint: `Set ${name} in the environment, or remove the entry.`,
    });
  }
  return value;
}

function configError(where: string, problem: string): CliError {
  return new CliError(`${where}: ${problem}.`, EXIT.CONFIG, {
    hint: 'See "halway get --help" for the format of credentials.',
  });
}
