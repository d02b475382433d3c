import { PROBLEM_JSON, isProblemDocument, mediaTypeEssence } from '@halway/hal';
import { readSubject } from '../subject.js';

/** What a problem asserted with `problem` must have. */
export interface ExpectedProblem {
  /** Its status (and the response's, when the subject is a response). */
  status?: number;
  /** Its `type` URI. */
  type?: string;
  /** Its title. */
  title?: string;
  /** Fields that must each have an entry in `errors` (by `field` or JSON pointer). */
  fields?: readonly string[];
}

/**
 * Asserts the subject is an RFC 9457 problem: for a response, `application/problem+json`
 * with the same status in the body; then the expected members.
 */
export function problem(chai: Chai.ChaiStatic, utils: Chai.ChaiUtils): void {
  chai.Assertion.addMethod(
    'problem',
    function (this: Chai.AssertionStatic, expected: ExpectedProblem = {}) {
      const { document, status, headers } = readSubject(this._obj);
      const issues: string[] = [];
      if (!isProblemDocument(document))
        issues.push(`the body is not a problem document: ${utils.inspect(document)}`);
      if (status !== undefined) {
        if (mediaTypeEssence(headers['content-type']) !== PROBLEM_JSON)
          issues.push(`Content-Type is ${headers['content-type'] ?? 'missing'}`);
        if (
          isProblemDocument(document) &&
          document.status !== undefined &&
          document.status !== status
        ) {
          issues.push(`body status ${document.status} differs from response status ${status}`);
        }
      }
      const body = (isProblemDocument(document) ? document : {}) as Record<string, unknown>;
      const actualStatus = status ?? body.status;
      if (expected.status !== undefined && actualStatus !== expected.status)
        issues.push(`status is ${String(actualStatus)}`);
      if (expected.type !== undefined && body.type !== expected.type)
        issues.push(`type is ${String(body.type)}`);
      if (expected.title !== undefined && body.title !== expected.title)
        issues.push(`title is ${String(body.title)}`);
      for (const field of expected.fields ?? []) {
        const errors = Array.isArray(body.errors) ? (body.errors as Record<string, unknown>[]) : [];
        if (!errors.some((error) => error.field === field || error.pointer === field))
          issues.push(`no error for field "${field}"`);
      }
      this.assert(
        issues.length === 0,
        `expected a problem${Object.keys(expected).length ? ` matching ${utils.inspect(expected)}` : ''}, but ${issues.join('; ')}`,
        `expected not a problem matching ${utils.inspect(expected)}`,
      );
    },
  );
}
