import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { createService, defineHome, defineResource } from '@halway/server';
import {
  CONTENT_SECURITY_POLICY,
  EXPLORER_PATH,
  explorer,
  type ExplorerOptions,
} from '@halway/explorer';
import { ensureBundle } from './support/bundle.js';

const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

function service(options?: ExplorerOptions) {
  const note = defineResource('/notes/:id', {
    load: ({ params }) => (params.id === '1' ? { text: 'hello' } : undefined),
    properties: (state) => state,
  });
  return createService({
    resources: [defineHome({ title: 'Notes', links: { note } }), note],
    explorer: explorer(options),
  });
}

function assetPaths(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
}

describe('explorer()', () => {
  before(ensureBundle);

  it('should answer a browser with the explorer page under a strict Content-Security-Policy', async () => {
    const response = await request(service())
      .get('/notes/1')
      .set('Accept', BROWSER_ACCEPT)
      .expect(200);
    expect(response.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).to.equal(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).to.match(/^default-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).not.to.match(/unsafe|\*|https?:|data:/);
    expect(response.headers['cache-control']).to.equal('no-store');
    expect(response.headers.vary).to.match(/Accept/);
    expect(response.text).to.match(/^<!doctype html>/);
    expect(response.text).to.include('<div id="explorer"></div>');
  });

  it('should load only its own hashed assets, with no inline script or style', async () => {
    const { text } = await request(service()).get('/').set('Accept', BROWSER_ACCEPT).expect(200);
    const paths = assetPaths(text);
    expect(paths).to.have.length(3);
    for (const path of paths)
      expect(path).to.match(/^\/_explorer\/[a-z]+-[A-Za-z0-9]+\.(js|css|svg)$/);
    expect(text.match(/<script/g)).to.have.length(1);
    expect(text).to.match(/<script type="module" src="[^"]+"><\/script>/);
    expect(text).not.to.match(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('should answer the same URL with JSON to JSON clients, to */* and without Accept', async () => {
    const app = service();
    for (const accept of ['application/hal+json', 'application/json', '*/*']) {
      const response = await request(app).get('/notes/1').set('Accept', accept).expect(200);
      expect(response.headers['content-type']).to.match(/json/);
      expect(response.body).to.include({ text: 'hello' });
    }
    const bare = await request(app).get('/notes/1').unset('Accept').expect(200);
    expect(bare.headers['content-type']).to.match(/json/);
  });

  it('should show the page for any path, leaving the status to the page', async () => {
    const response = await request(service())
      .get('/notes/404')
      .set('Accept', BROWSER_ACCEPT)
      .expect(200);
    expect(response.text).to.include('id="explorer"');
    await request(service()).get('/notes/404').set('Accept', 'application/hal+json').expect(404);
  });

  it('should answer HEAD like GET, without a body', async () => {
    const response = await request(service()).head('/').set('Accept', BROWSER_ACCEPT).expect(200);
    expect(response.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(response.text ?? '').to.equal('');
  });

  it('should pass on every other method, whatever the Accept', async () => {
    const response = await request(service()).post('/').set('Accept', BROWSER_ACCEPT).send({});
    expect(response.headers['content-type'] ?? '').not.to.match(/text\/html/);
  });

  it('should serve its assets with long-lived caching and revalidation by content hash', async () => {
    const app = service();
    const { text } = await request(app).get('/').set('Accept', BROWSER_ACCEPT);
    const [script, style, icon] = [/\.js$/, /\.css$/, /\.svg$/].map((pattern) =>
      assetPaths(text).find((path) => pattern.test(path))!,
    );
    const js = await request(app).get(script!).expect(200);
    expect(js.headers['content-type']).to.equal('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(js.headers['content-security-policy']).to.equal(CONTENT_SECURITY_POLICY);
    expect((await request(app).get(style!).expect(200)).headers['content-type']).to.equal(
      'text/css; charset=utf-8',
    );
    expect((await request(app).get(icon!).expect(200)).headers['content-type']).to.equal(
      'image/svg+xml',
    );
    await request(app)
      .get(script!)
      .set('If-None-Match', js.headers.etag as string)
      .expect(304);
  });

  it('should leave unknown paths under its prefix to the service, even for browsers', async () => {
    const response = await request(service())
      .get(`${EXPLORER_PATH}../../etc/passwd`)
      .set('Accept', BROWSER_ACCEPT);
    expect(response.status).to.equal(404);
    expect(response.text).not.to.include('id="explorer"');
    await request(service())
      .get(`${EXPLORER_PATH}nothing.js`)
      .set('Accept', BROWSER_ACCEPT)
      .expect(404);
  });

  it('should tell the page the origins of its peers and its name, escaped', async () => {
    const { text } = await request(
      service({
        peers: ['http://localhost:4002/', 'https://pay.example/api'],
        title: 'A "<b>" & co',
      }),
    )
      .get('/')
      .set('Accept', BROWSER_ACCEPT);
    expect(text).to.include(
      '<meta name="halway-explorer-peers" content="http://localhost:4002 https://pay.example">',
    );
    expect(text).to.include('content="A &quot;&lt;b&gt;&quot; &amp; co"');
    expect(text).to.include('<title>A &quot;&lt;b&gt;&quot; &amp; co · Halway explorer</title>');
  });

  it('should ask a peers function on each page, for peers known only once they listen', async () => {
    const peers: string[] = [];
    const app = service({ peers: () => peers });
    const before = await request(app).get('/').set('Accept', BROWSER_ACCEPT);
    expect(before.text).to.include('name="halway-explorer-peers" content=""');
    peers.push('http://127.0.0.1:5000/home');
    const after = await request(app).get('/').set('Accept', BROWSER_ACCEPT);
    expect(after.text).to.include('name="halway-explorer-peers" content="http://127.0.0.1:5000"');
  });

  it('should point at its assets below the path the service is mounted at', async () => {
    const outer = express();
    outer.use('/shop', service());
    const { text } = await request(outer)
      .get('/shop/notes/1')
      .set('Accept', BROWSER_ACCEPT)
      .expect(200);
    const paths = assetPaths(text);
    for (const path of paths) expect(path).to.match(/^\/shop\/_explorer\//);
    await request(outer).get(paths[0]!).expect(200);
  });

  it('should throw a TypeError naming explorer() for bad options', () => {
    expect(() => explorer({ peers: ['javascript:alert(1)'] })).to.throw(TypeError, /^explorer\(\)/);
    expect(() => explorer({ peers: ['not a url'] })).to.throw(TypeError, /^explorer\(\)/);
    expect(() => explorer({ peers: 'http://a.test' as never })).to.throw(
      TypeError,
      /^explorer\(\)/,
    );
    expect(() => explorer({ title: 7 as never })).to.throw(TypeError, /^explorer\(\)/);
    expect(() => explorer(null as never)).to.throw(TypeError, /^explorer\(\)/);
  });
});
