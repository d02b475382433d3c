import { readHal } from '@halway/hal';
import { readSubject } from '../subject.js';

/** What a link asserted with `halLink` must also have. */
export interface ExpectedLink {
  /** The origin the link must point to (`http://localhost:4002`). */
  origin?: string;
  /** The absolute URL it must point to. */
  href?: string;
  /** Whether it must be templated. */
  templated?: boolean;
  /** Its title. */
  title?: string;
  /** Its name. */
  name?: string;
}

/** Asserts the subject has a link of relation `rel` matching `expected`. */
export function halLink(chai: Chai.ChaiStatic, utils: Chai.ChaiUtils): void {
  chai.Assertion.addMethod(
    'halLink',
    function (this: Chai.AssertionStatic, rel: string, expected: ExpectedLink = {}) {
      const { document, base } = readSubject(this._obj);
      const reader = readHal(document, base);
      const links = reader.links(rel);
      const matching = links.filter(
        (link) =>
          (expected.origin === undefined ||
            (!link.templated && new URL(link.href).origin === expected.origin)) &&
          (expected.href === undefined || link.href === expected.href) &&
          (expected.templated === undefined || (link.templated ?? false) === expected.templated) &&
          (expected.title === undefined || link.title === expected.title) &&
          (expected.name === undefined || link.name === expected.name),
      );
      const wanted = Object.keys(expected).length > 0 ? ` matching ${utils.inspect(expected)}` : '';
      this.assert(
        matching.length > 0,
        `expected a "${rel}" link${wanted}, found ${links.length === 0 ? `none (links: ${reader.rels().join(', ') || 'none'})` : utils.inspect(links.map((link) => link.href))}`,
        `expected no "${rel}" link${wanted}, found ${utils.inspect(matching.map((link) => link.href))}`,
        expected,
      );
    },
  );
}

/** Asserts the subject embeds resources under `rel`, optionally exactly `count` of them. */
export function halEmbedded(chai: Chai.ChaiStatic): void {
  chai.Assertion.addMethod(
    'halEmbedded',
    function (this: Chai.AssertionStatic, rel: string, count?: number) {
      const { document, base } = readSubject(this._obj);
      const found = readHal(document, base).embedded(rel).length;
      const ok = count === undefined ? found > 0 : found === count;
      const what = count === undefined ? 'resources' : `${count} resources`;
      this.assert(
        ok,
        `expected ${what} embedded under "${rel}", found ${found}`,
        `expected no ${what} embedded under "${rel}"`,
        count,
        found,
      );
    },
  );
}
