import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import request from 'supertest';
import {
  anyAuthentication,
  bearerAuthentication,
  createService,
  defineHome,
  jwtAuthentication,
  problemType,
  type Caller,
  type JwtAuthenticationOptions,
} from '@halway/server';
import { startKeyServer, type KeyServer } from './support/jwks.js';

const ISSUER = 'https://login.example/';
const AUDIENCE = 'https://notes.example/';

describe('jwtAuthentication()', () => {
  let signing: CryptoKey;
  let stranger: CryptoKey;
  let keyServer: KeyServer;
  const now = () => Math.floor(Date.now() / 1000);

  /** A token signed with `key` (the provider's by default), valid for a minute unless overridden. */
  function token(
    claims: JWTPayload = {},
    key: CryptoKey = signing,
    header: { alg: string; kid?: string } = { alg: 'RS256', kid: 'k1' },
  ): Promise<string> {
    const payload = { iss: ISSUER, aud: AUDIENCE, sub: 'ada', iat: now(), exp: now() + 60 };
    return new SignJWT({ ...payload, scope: 'notes:write notes:read', ...claims })
      .setProtectedHeader(header)
      .sign(key);
  }

  /** A service whose one action records the caller and is allowed to `notes:write` only. */
  function notes(options: Partial<JwtAuthenticationOptions> = {}) {
    const callers: Caller[] = [];
    const authentication = jwtAuthentication({
      jwksUrl: keyServer.url,
      issuer: ISSUER,
      audience: AUDIENCE,
      ...options,
    });
    const app = createService({
      authentication,
      resources: [
        defineHome({ title: 'Notes' }).action('write', {
          method: 'POST',
          allow: (caller) => caller?.roles?.includes('notes:write') === true,
          handle: ({ caller }) => void callers.push(caller!),
        }),
      ],
    });
    return { app, callers, authentication };
  }

  const write = (app: ReturnType<typeof notes>['app'], jwt?: string) => {
    const call = request(app).post('/');
    return jwt === undefined ? call : call.set('Authorization', `Bearer ${jwt}`);
  };

  before(async () => {
    const provider = await generateKeyPair('RS256');
    signing = provider.privateKey;
    stranger = (await generateKeyPair('RS256')).privateKey;
    keyServer = await startKeyServer([
      { ...(await exportJWK(provider.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' },
    ]);
  });
  beforeEach(() => {
    keyServer.answer = 'keys';
  });
  after(() => keyServer.close());

  it('should map a valid token to the caller allow() sees: sub as id, scopes as roles', async () => {
    const { app, callers } = notes();
    await write(app, await token({ roles: ['editor'] })).expect(204);
    expect(callers).to.have.length(1);
    expect(callers[0]).to.include({ id: 'ada' });
    expect(callers[0]!.roles).to.have.members(['notes:write', 'notes:read', 'editor']);
    expect(callers[0]!.claims).to.include({ iss: ISSUER, aud: AUDIENCE, sub: 'ada' });
    const home = await request(app)
      .get('/')
      .set('Authorization', `Bearer ${await token()}`)
      .expect(200);
    expect(home).to.have.halTemplate('write');
    expect(await request(app).get('/').expect(200)).not.to.have.halTemplate('write');
  });

  it('should refuse an expired token with 401 and an invalid_token challenge', async () => {
    const { app, callers } = notes();
    const expired = await token({ exp: now() - 120, iat: now() - 180 });
    const response = await write(app, expired).expect(401);
    expect(response).to.be.problem({ status: 401, type: problemType('UNAUTHORIZED') });
    expect(response.headers['www-authenticate']).to.match(
      /^Bearer realm="halway", error="invalid_token", error_description="it has expired"$/,
    );
    const read = await request(app).get('/').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(read).to.be.problem({ status: 401, type: problemType('UNAUTHORIZED') });
    expect(callers).to.have.length(0);
  });

  it('should allow the clock skew it is given on exp and nbf, and no more', async () => {
    const lenient = notes();
    await write(lenient.app, await token({ exp: now() - 10 })).expect(204);
    await write(lenient.app, await token({ nbf: now() + 10 })).expect(204);
    await write(lenient.app, await token({ nbf: now() + 120 })).expect(401);
    const strict = notes({ clockTolerance: 0 });
    await write(strict.app, await token({ exp: now() - 10 })).expect(401);
    await write(strict.app, await token({ nbf: now() + 10 })).expect(401);
  });

  it('should refuse a token for another audience or from another issuer', async () => {
    const { app, callers } = notes();
    const audience = await write(app, await token({ aud: 'https://payments.example/' })).expect(
      401,
    );
    expect(audience.body.detail).to.include('"aud"');
    const issuer = await write(app, await token({ iss: 'https://evil.example/' })).expect(401);
    expect(issuer.body.detail).to.include('"iss"');
    expect(callers).to.have.length(0);
  });

  it('should refuse a token signed with a key the issuer did not publish', async () => {
    const { app, callers } = notes();
    const sameKid = await write(app, await token({}, stranger)).expect(401);
    expect(sameKid.body.detail).to.include('signature');
    const otherKid = await write(
      app,
      await token({}, stranger, { alg: 'RS256', kid: 'k2' }),
    ).expect(401);
    expect(otherKid.body.detail).to.include('no key');
    const secret = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!');
    const hmac = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'mallory', exp: now() + 60 })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(secret);
    await write(app, hmac).expect(401);
    const [head, body] = (await token()).split('.');
    const unsigned = `${head}.${Buffer.from(JSON.stringify({ sub: 'mallory', scope: 'notes:write' })).toString('base64url')}.`;
    await write(app, unsigned).expect(401);
    await write(app, `${head}.${body}.${'A'.repeat(342)}`).expect(401);
    expect(callers).to.have.length(0);
  });

  it('should refuse a verified token that names no caller', async () => {
    const { app } = notes();
    const noSubject = await token({ sub: undefined });
    await write(app, noSubject).expect(401);
    const custom = notes({
      caller: (claims) =>
        claims.sub === 'ada' ? { id: 'ada', roles: ['notes:write'] } : undefined,
    });
    await write(custom.app, await token({ scope: '' })).expect(204);
    await write(custom.app, await token({ sub: 'bob' })).expect(401);
  });

  it('should fetch the key set once for many tokens', async () => {
    const { app } = notes();
    const before = keyServer.fetches;
    for (let index = 0; index < 5; index++) await write(app, await token()).expect(204);
    expect(keyServer.fetches - before).to.equal(1);
  });

  it('should answer 503, never 500, when the key set cannot be fetched', async () => {
    keyServer.answer = 'error';
    const { app, callers } = notes();
    const response = await write(app, await token()).expect(503);
    expect(response).to.be.problem({ status: 503, type: problemType('SERVICE_UNAVAILABLE') });
    const gone = notes({ jwksUrl: 'http://127.0.0.1:9/jwks.json', timeout: 2000 });
    await write(gone.app, await token()).expect(503);
    expect(callers).to.have.length(0);
  });

  it('should leave requests without a JWT to the next authentication', async () => {
    const callers: Caller[] = [];
    const app = createService({
      authentication: anyAuthentication(
        jwtAuthentication({ jwksUrl: keyServer.url, issuer: ISSUER, audience: AUDIENCE }),
        bearerAuthentication({ 'static-token': { id: 'batch', roles: ['notes:write'] } }),
      ),
      resources: [
        defineHome().action('write', {
          method: 'POST',
          allow: (caller) => caller?.roles?.includes('notes:write') === true,
          handle: ({ caller }) => void callers.push(caller!),
        }),
      ],
    });
    await request(app).post('/').set('Authorization', 'Bearer static-token').expect(204);
    await request(app)
      .post('/')
      .set('Authorization', `Bearer ${await token()}`)
      .expect(204);
    const anonymous = await request(app).post('/').expect(401);
    expect(anonymous.headers['www-authenticate']).to.equal('Bearer realm="halway"');
    expect(callers.map((caller) => caller.id)).to.deep.equal(['batch', 'ada']);
  });

  it('should throw a TypeError naming the call for missing options', () => {
    const valid = { jwksUrl: 'https://login.example/jwks', issuer: ISSUER, audience: AUDIENCE };
    for (const missing of ['jwksUrl', 'issuer', 'audience'] as const) {
      const options = { ...valid, [missing]: '' };
      expect(() => jwtAuthentication(options)).to.throw(TypeError, /^jwtAuthentication\(\)/);
    }
  });
});
