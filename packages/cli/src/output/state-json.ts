import type { State } from '@halway/client';

/**
 * A resource for scripts (`--json`): its URL and status, properties, links with absolute hrefs,
 * embedded resources' URLs, and forms with their fields, in one stable shape for `jq`.
 */
export function stateJson(state: State): Record<string, unknown> {
  const embedded: Record<string, string[]> = {};
  for (const rel of state.embeddedRels())
    embedded[rel] = state.embedded(rel).map((item) => item.url);
  return {
    url: state.url,
    status: state.status,
    ...(state.etag ? { etag: state.etag } : {}),
    properties: state.properties,
    links: state.links().map(({ base: _base, ...link }) => link),
    embedded,
    forms: state.templates().map((template) => {
      const form = state.form(template.name);
      return {
        name: form.name,
        title: form.title,
        method: form.method,
        target: form.target,
        contentType: form.contentType,
        fields: form.fields,
      };
    }),
  };
}

/** JSON for stdout: two-space indented, one trailing newline. */
export function printJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
