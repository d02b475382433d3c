import { expect } from 'chai';
import { optionEntries } from '@halway/hal';

describe('optionEntries()', () => {
  it('should read an array, an object with inline, or a HAL document’s first embedded list', () => {
    expect(optionEntries(['a', 'b'])).to.deep.equal(['a', 'b']);
    expect(optionEntries({ inline: [{ prompt: 'A', value: 'a' }] })).to.deep.equal([
      { prompt: 'A', value: 'a' },
    ]);
    expect(
      optionEntries({
        _links: { self: { href: '/c' } },
        _embedded: { colours: [{ code: 'r', label: 'Red' }] },
      }),
    ).to.deep.equal([{ code: 'r', label: 'Red' }]);
  });

  it('should give nothing for anything else', () => {
    expect(optionEntries(undefined)).to.deep.equal([]);
    expect(optionEntries('a')).to.deep.equal([]);
    expect(optionEntries({ _embedded: { one: { value: 1 } } })).to.deep.equal([]);
  });
});
