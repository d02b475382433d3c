import { halDocumentErrors } from '../hal-schema.js';
import { readSubject } from '../subject.js';

/** Adds `validHal` and `validHalForms`: the subject's document is valid HAL (HAL-FORMS). */
export function validity(chai: Chai.ChaiStatic): void {
  for (const [name, forms] of [
    ['validHal', false],
    ['validHalForms', true],
  ] as const) {
    chai.Assertion.addProperty(name, function (this: Chai.AssertionStatic) {
      const errors = halDocumentErrors(readSubject(this._obj).document, { forms });
      this.assert(
        errors.length === 0,
        `expected valid ${forms ? 'HAL-FORMS' : 'HAL'}, but ${errors.join('; ')}`,
        `expected invalid ${forms ? 'HAL-FORMS' : 'HAL'}`,
      );
    });
  }
}
