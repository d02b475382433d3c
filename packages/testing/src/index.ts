import { halEmbedded, halLink, type ExpectedLink } from './assertions/links.js';
import { problem, type ExpectedProblem } from './assertions/problems.js';
import { halTemplate, type ExpectedTemplate } from './assertions/templates.js';
import { validity } from './assertions/validity.js';

export { halDocumentErrors } from './hal-schema.js';
export type { ExpectedLink, ExpectedProblem, ExpectedTemplate };

/**
 * The chai plugin for hypermedia services. The subject of each assertion is a supertest
 * response, a response with a parsed `body` and a `url`, or a HAL document.
 *
 * @example
 * import { use, expect } from 'chai';
 * import { halway } from '@halway/testing';
 * use(halway);
 * const response = await request(app).get('/orders/17');
 * expect(response).to.have.halLink('payment', { origin: 'http://localhost:4002' });
 * expect(response).to.have.halTemplate('update', { method: 'PATCH', properties: ['size', 'quantity'] });
 * expect(response).not.to.have.halTemplate('collect');
 */
export const halway: Chai.ChaiPlugin = (chai, utils) => {
  halLink(chai, utils);
  halEmbedded(chai);
  halTemplate(chai, utils);
  problem(chai, utils);
  validity(chai);
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- chai's types are a global namespace
  namespace Chai {
    interface Assertion {
      /** Asserts a link of relation `rel` (matching `expected`) exists; negate with `.not`. */
      halLink(rel: string, expected?: ExpectedLink): Assertion;
      /** Asserts resources are embedded under `rel` (exactly `count` of them, if given). */
      halEmbedded(rel: string, count?: number): Assertion;
      /** Asserts a template called `name` (matching `expected`) exists; negate with `.not`. */
      halTemplate(name: string, expected?: ExpectedTemplate): Assertion;
      /** Asserts an RFC 9457 problem matching `expected`. */
      problem(expected?: ExpectedProblem): Assertion;
      /** Asserts valid HAL, with a self link. */
      validHal: Assertion;
      /** Asserts valid HAL-FORMS, with a self link. */
      validHalForms: Assertion;
    }
  }
}
