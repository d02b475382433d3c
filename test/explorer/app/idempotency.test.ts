import { expect } from 'chai';
import {
  IdempotencyKeys,
  outcomeOf,
  randomKey,
  requestFingerprint,
} from '../../../packages/explorer/app/forms/idempotency.js';

const order = { method: 'POST', url: 'http://a.test/', body: '{"drink":"tea"}' };

describe('IdempotencyKeys', () => {
  function counting() {
    let count = 0;
    return new IdempotencyKeys(() => `key-${++count}`);
  }

  it('should give a double submission the same key while the first is unanswered', () => {
    const keys = counting();
    const fingerprint = requestFingerprint(order);
    expect(keys.keyFor(fingerprint)).to.equal('key-1');
    expect(keys.keyFor(fingerprint)).to.equal('key-1');
  });

  it('should reuse the key after a network error or a 5xx, so a resend cannot work twice', () => {
    const keys = counting();
    const fingerprint = requestFingerprint(order);
    keys.keyFor(fingerprint);
    keys.settle(fingerprint, outcomeOf(undefined));
    expect(keys.keyFor(fingerprint)).to.equal('key-1');
    keys.settle(fingerprint, outcomeOf(503));
    expect(keys.keyFor(fingerprint)).to.equal('key-1');
  });

  it('should give a new key once the server has answered', () => {
    const keys = counting();
    const fingerprint = requestFingerprint(order);
    keys.keyFor(fingerprint);
    keys.settle(fingerprint, outcomeOf(201));
    expect(keys.keyFor(fingerprint)).to.equal('key-2');
    keys.settle(fingerprint, outcomeOf(422));
    expect(keys.keyFor(fingerprint)).to.equal('key-3');
  });

  it('should give changed values a new key', () => {
    const keys = counting();
    keys.keyFor(requestFingerprint(order));
    expect(keys.keyFor(requestFingerprint({ ...order, body: '{"drink":"latte"}' }))).to.equal(
      'key-2',
    );
    expect(keys.keyFor(requestFingerprint({ ...order, url: 'http://a.test/x' }))).to.equal('key-3');
  });
});

describe('outcomeOf()', () => {
  it('should call an answer settled unless the server may still do or redo the work', () => {
    expect(outcomeOf(200)).to.equal('answered');
    expect(outcomeOf(201)).to.equal('answered');
    expect(outcomeOf(204)).to.equal('answered');
    expect(outcomeOf(400)).to.equal('answered');
    expect(outcomeOf(409)).to.equal('answered');
    expect(outcomeOf(422)).to.equal('answered');
    expect(outcomeOf(undefined)).to.equal('uncertain');
    expect(outcomeOf(409, true)).to.equal('uncertain');
    expect(outcomeOf(429)).to.equal('uncertain');
    expect(outcomeOf(500)).to.equal('uncertain');
    expect(outcomeOf(504)).to.equal('uncertain');
  });
});

describe('randomKey()', () => {
  it('should make version 4 UUIDs that differ', () => {
    const keys = new Set(Array.from({ length: 50 }, randomKey));
    expect(keys.size).to.equal(50);
    for (const key of keys)
      expect(key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
