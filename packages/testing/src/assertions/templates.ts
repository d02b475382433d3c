import { readHal, type HalFormsProperty } from '@halway/hal';
import { readSubject } from '../subject.js';

/** What a template asserted with `halTemplate` must also have. */
export interface ExpectedTemplate {
  /** Its method (case-insensitive). */
  method?: string;
  /** Its fields: their names in order, or attributes by name (checked as a subset). */
  properties?: readonly string[] | Record<string, Partial<HalFormsProperty>>;
  /** Its target, resolved to an absolute URL (or the URI template when templated). */
  target?: string;
  /** Its content type. */
  contentType?: string;
  /** Its title. */
  title?: string;
}

/** Asserts the subject has a HAL-FORMS template called `name` matching `expected`. */
export function halTemplate(chai: Chai.ChaiStatic, utils: Chai.ChaiUtils): void {
  chai.Assertion.addMethod(
    'halTemplate',
    function (this: Chai.AssertionStatic, name: string, expected: ExpectedTemplate = {}) {
      const { document, base } = readSubject(this._obj);
      const reader = readHal(document, base);
      const template = reader.template(name);
      const names = reader.templates().map((candidate) => candidate.name);
      this.assert(
        template !== undefined,
        `expected a "${name}" template, found ${names.join(', ') || 'none'}`,
        `expected no "${name}" template, but it is there`,
      );
      if (utils.flag(this, 'negate')) return;
      const problems: string[] = [];
      if (expected.method !== undefined && template!.method !== expected.method.toUpperCase())
        problems.push(`method is ${template!.method}`);
      if (expected.target !== undefined && template!.target !== expected.target)
        problems.push(`target is ${template!.target}`);
      if (expected.contentType !== undefined && template!.contentType !== expected.contentType)
        problems.push(`contentType is ${template!.contentType}`);
      if (expected.title !== undefined && template!.title !== expected.title)
        problems.push(`title is ${template!.title}`);
      if (expected.properties !== undefined)
        problems.push(...propertyProblems(template!.properties, expected.properties, utils));
      this.assert(
        problems.length === 0,
        `expected template "${name}" to match ${utils.inspect(expected)}, but its ${problems.join('; ')}`,
        '',
      );
    },
  );
}

function propertyProblems(
  actual: readonly HalFormsProperty[],
  expected: NonNullable<ExpectedTemplate['properties']>,
  utils: Chai.ChaiUtils,
): string[] {
  const names = actual.map((property) => property.name);
  if (Array.isArray(expected)) {
    return utils.eql(names, expected) ? [] : [`properties are ${names.join(', ') || 'none'}`];
  }
  const problems: string[] = [];
  for (const [name, attributes] of Object.entries(
    expected as Record<string, Partial<HalFormsProperty>>,
  )) {
    const property = actual.find((candidate) => candidate.name === name);
    if (!property) {
      problems.push(`property "${name}" is missing`);
      continue;
    }
    for (const [attribute, value] of Object.entries(attributes)) {
      const actualValue = (property as unknown as Record<string, unknown>)[attribute];
      if (!utils.eql(actualValue, value))
        problems.push(`property "${name}" has ${attribute} ${utils.inspect(actualValue)}`);
    }
  }
  return problems;
}
