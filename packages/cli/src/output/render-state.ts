import type { State } from '@halway/client';
import { uriTemplateVariables } from '@halway/hal';
import { describeField, showValue } from './describe-field.js';
import { inert, type Style } from './style.js';

/**
 * A resource for a person: its title and URL, its properties, its links (relation, title,
 * target; links into another origin marked), embedded resources, and its forms with every field
 * and constraint. Strings from the server are made inert, so they cannot drive the terminal.
 */
export function renderState(state: State, style: Style): string {
  const origin = new URL(state.url).origin;
  const lines: string[] = [];
  const title = titleOf(state);
  if (title) lines.push(style.bold(title));
  lines.push(`${style.underline(inert(state.url))}  ${style.dim(String(state.status))}`);

  const properties = flatten(state.properties);
  if (properties.length > 0) {
    lines.push('', style.bold('Properties'));
    lines.push(...table(properties.map(([name, value]) => [style.cyan(name), showValue(value)])));
  }

  const links = state.links().filter((link) => link.rel !== 'self' || link.title);
  if (links.length > 0) {
    lines.push('', style.bold('Links'));
    lines.push(
      ...table(
        links.map((link) => {
          const elsewhere = !link.templated && new URL(link.href).origin !== origin;
          const href =
            link.templated && link.href.startsWith('/')
              ? new URL(link.base).origin + link.href
              : link.href;
          const target = inert(href) + (elsewhere ? style.magenta(' (another service)') : '');
          const notes = [
            link.name ? `name ${inert(link.name)}` : '',
            link.templated ? `--var ${uriTemplateVariables(link.href).map(inert).join(', ')}` : '',
            link.deprecation ? style.yellow('deprecated') : '',
          ].filter(Boolean);
          return [
            style.green(inert(link.rel)),
            inert(link.title ?? ''),
            target + (notes.length ? style.dim(`  ${notes.join(' · ')}`) : ''),
          ];
        }),
      ),
    );
  }

  const embedded = state.embeddedRels();
  if (embedded.length > 0) {
    lines.push('', style.bold('Embedded'));
    for (const rel of embedded) {
      for (const item of state.embedded(rel)) {
        lines.push(
          `  ${style.green(inert(rel))}  ${titleOf(item) ?? ''} ${inert(item.url)}`.trimEnd(),
        );
      }
    }
  }

  const forms = state.templates();
  if (forms.length > 0) {
    lines.push('', style.bold('Forms'));
    for (const template of forms) {
      const form = state.form(template.name);
      const heading = `  ${style.yellow(style.bold(inert(form.name)))}  ${form.method} ${inert(form.target)}`;
      lines.push(
        form.title !== form.name ? `${heading}  ${style.dim(inert(form.title))}` : heading,
      );
      lines.push(
        ...table(
          form.fields.map((field) => [
            style.cyan(inert(field.name)),
            inert(field.prompt ?? ''),
            describeField(field).join(' · '),
          ]),
          '      ',
        ),
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** The title a person would give the resource: its `title` property, or its self link's title. */
export function titleOf(state: State): string | undefined {
  const title = (state.properties as { title?: unknown }).title;
  if (typeof title === 'string' && title !== '') return inert(title);
  const self = state.link('self')?.title;
  return self ? inert(self) : undefined;
}

// Nested objects read better as dotted paths (`total.amount 3.5`) than as JSON on one line.
function flatten(value: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const rows: [string, unknown][] = [];
  for (const [name, item] of Object.entries(value)) {
    const path = prefix + inert(name);
    if (
      item !== null &&
      typeof item === 'object' &&
      !Array.isArray(item) &&
      Object.keys(item).length > 0
    ) {
      rows.push(...flatten(item as Record<string, unknown>, `${path}.`));
    } else {
      rows.push([path, item]);
    }
  }
  return rows;
}

// Columns padded to the widest cell, measured without colour codes.
function table(rows: string[][], indent = '  '): string[] {
  // eslint-disable-next-line no-control-regex -- colour codes are what is measured away
  const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach(
      (cell, index) => (widths[index] = Math.max(widths[index] ?? 0, plain(cell).length)),
    );
  }
  return rows.map((row) =>
    (
      indent +
      row
        .map((cell, index) =>
          index === row.length - 1 ? cell : cell + ' '.repeat(widths[index]! - plain(cell).length),
        )
        .join('  ')
    ).trimEnd(),
  );
}
