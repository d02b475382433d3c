import { expect } from 'chai';
import {
  CredentialStore,
  headerProblem,
  type KeyValueStorage,
} from '../../../packages/explorer/app/credentials/store.js';

function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const ORIGIN = 'http://127.0.0.1:4001';

describe('CredentialStore', () => {
  it('should keep headers for its origin and give them only to requests to that origin', () => {
    const store = new CredentialStore(memoryStorage(), ORIGIN);
    store.set('Authorization', 'Bearer alpha');
    store.set('X-Api-Key', 'k1');
    expect(store.headersFor(`${ORIGIN}/orders/1`)).to.deep.equal({
      Authorization: 'Bearer alpha',
      'X-Api-Key': 'k1',
    });
    for (const elsewhere of [
      'http://localhost:4001/',
      'http://127.0.0.1:4002/',
      'https://127.0.0.1:4001/',
      'nonsense',
    ])
      expect(store.headersFor(elsewhere), elsewhere).to.deep.equal({});
  });

  it('should replace a header of the same name, whatever its case, and remove one', () => {
    const storage = memoryStorage();
    const store = new CredentialStore(storage, ORIGIN);
    store.set('authorization', 'Bearer old');
    store.set('Authorization', 'Bearer new');
    expect(store.list()).to.deep.equal([['Authorization', 'Bearer new']]);
    store.remove('AUTHORIZATION');
    expect(store.list()).to.deep.equal([]);
    expect(storage.items.size).to.equal(0);
  });

  it('should survive storage written by someone else', () => {
    const storage = memoryStorage();
    storage.setItem('halway-explorer:credentials', '{not json');
    expect(new CredentialStore(storage, ORIGIN).list()).to.deep.equal([]);
    storage.setItem(
      'halway-explorer:credentials',
      JSON.stringify([['Cookie', 'x'], ['X-Ok', 'y'], 5]),
    );
    expect(new CredentialStore(storage, ORIGIN).list()).to.deep.equal([['X-Ok', 'y']]);
  });

  it('should throw a TypeError naming the call for a header that cannot be set', () => {
    const store = new CredentialStore(memoryStorage(), ORIGIN);
    expect(() => store.set('Bad Name', 'x')).to.throw(TypeError, /^CredentialStore\.set\(\)/);
  });
});

describe('headerProblem()', () => {
  it('should refuse what a page cannot or must not set', () => {
    expect(headerProblem('', 'x')).to.equal('needs a name');
    expect(headerProblem('Bad Name', 'x')).to.equal('is not a valid header name');
    expect(headerProblem('Cookie', 'x')).to.equal('cannot be set by a web page');
    expect(headerProblem('Sec-Fetch-Site', 'x')).to.equal('cannot be set by a web page');
    expect(headerProblem('Accept', 'x')).to.equal('is set by the explorer itself');
    expect(headerProblem('Idempotency-Key', 'x')).to.equal('is set by the explorer itself');
    expect(headerProblem('X-Api-Key', 'a\r\nInjected: 1')).to.equal('cannot contain line breaks');
    expect(headerProblem('X-Api-Key', ' ')).to.equal('needs a value');
    expect(headerProblem('Authorization', 'Bearer t')).to.equal(undefined);
  });
});
