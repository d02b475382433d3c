import { expandUriTemplate, readTemplates, type ResolvedTemplate } from '@halway/hal';
import { withHandoff, type HandedForm } from '../trail/codec.js';
import { addHop, type Trail } from '../trail/trail.js';
import type { Target } from './targets.js';

/** A form handed over from another service's page, ready to show here. */
export interface ArrivedForm {
  /** The template, its defaults applied and its URLs absolute. */
  template: ResolvedTemplate;
  /** The URL of the resource that offered it. */
  from: string;
}

/**
 * The URL that opens a template of a peer service in that service's explorer: the template's
 * target (or, when the target is templated, the service's root), with the trail and the template
 * in the fragment. Undefined when the target is not on a peer: the trail and the form go only to
 * services this one declares.
 */
export function handOverUrl(
  template: ResolvedTemplate,
  trail: Trail,
  from: string,
  classify: (url: string) => Target,
): string | undefined {
  const target = template.targetTemplated
    ? expandUriTemplate(template.target, {})
    : template.target;
  if (!URL.canParse(target, template.base)) return undefined;
  const where = classify(new URL(target, template.base).href);
  if (where.kind !== 'peer') return undefined;
  const page = template.targetTemplated ? `${where.origin}/` : where.url;
  const { name, method, contentType, properties, title } = template;
  return withHandoff(page, {
    trail: addHop(trail, { url: page, label: `${name} (form)`, method: 'GET' }),
    form: {
      from,
      name,
      template: { method, contentType, properties, title, target: template.target },
    },
  });
}

/**
 * Reads a form handed over in a fragment: through the same template reader as any document, and
 * only when it targets this origin (a templated target is checked once expanded, when sent).
 */
export function readHandedForm(
  form: HandedForm,
  here: string,
  origin: string,
): ArrivedForm | undefined {
  const [template] = readTemplates({ [form.name]: form.template }, here, here);
  if (!template) return undefined;
  if (!template.targetTemplated && new URL(template.target).origin !== origin) return undefined;
  return { template, from: form.from };
}
