import { expect } from 'chai';
import {
  blockedReason,
  classifyTarget,
  withoutFragment,
} from '../../../packages/explorer/app/nav/targets.js';

const HERE = 'http://127.0.0.1:4001';
const PEERS = new Set(['http://localhost:4002']);

describe('classifyTarget()', () => {
  it('should keep links on the page’s own origin in the page', () => {
    expect(classifyTarget(`${HERE}/orders/1`, HERE, PEERS)).to.deep.equal({
      kind: 'here',
      url: `${HERE}/orders/1`,
      origin: HERE,
    });
  });

  it('should send links into a peer to that peer’s explorer', () => {
    expect(classifyTarget('http://localhost:4002/payments/1', HERE, PEERS).kind).to.equal('peer');
  });

  it('should open other sites as plain links, even on the same host with another port', () => {
    expect(classifyTarget('https://example.com/docs', HERE, PEERS).kind).to.equal('elsewhere');
    expect(classifyTarget('http://127.0.0.1:4009/', HERE, PEERS).kind).to.equal('elsewhere');
  });

  it('should never follow non-http(s) URLs or URLs carrying credentials', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'mailto:a@b.test',
      'http://user:secret@127.0.0.1:4001/',
      'not a url',
    ]) {
      expect(classifyTarget(url, HERE, PEERS).kind, url).to.equal('blocked');
    }
  });
});

describe('blockedReason()', () => {
  it('should say why a URL is not followed', () => {
    expect(blockedReason('javascript:alert(1)')).to.match(/javascript:/);
    expect(blockedReason('http://u:p@a.test/')).to.match(/credentials/);
    expect(blockedReason('::')).to.match(/not a valid URL/);
  });
});

describe('withoutFragment()', () => {
  it('should drop the fragment only', () => {
    expect(withoutFragment('http://a.test/x?y=1#halway=abc')).to.equal('http://a.test/x?y=1');
    expect(withoutFragment('http://a.test/x')).to.equal('http://a.test/x');
  });
});
