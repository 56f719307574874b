import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mintDevelopmentToken, TokenVerifier } from './tokens';

// Production verification: RS256 tokens checked against a JWKS fetched over HTTP (loopback here).
describe('TokenVerifier with a JWKS URL (RS256)', () => {
  let server: Server;
  let verifier: TokenVerifier;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    verifier = new TokenVerifier({ verification: { kind: 'jwks', jwksUrl: `http://127.0.0.1:${port}/jwks.json` }, audience: 'sagsspor', issuer: 'https://idp.example' });
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const rs256 = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('svc-1').setAudience('sagsspor').setIssuer('https://idp.example').setExpirationTime('5m').sign(privateKey);

  it('accepts a token signed by a key in the JWKS', async () => {
    expect(await verifier.principalOf(`Bearer ${await rs256({ role: 'boernehus', house: 'syd' })}`)).toEqual({ subject: 'svc-1', role: 'boernehus', houseCode: 'syd' });
  });

  it('refuses a development token (HS256): no algorithm confusion', async () => {
    const token = await mintDevelopmentToken({ role: 'admin', issuer: 'https://idp.example' });
    await expect(verifier.principalOf(`Bearer ${token}`)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('refuses a token signed by a key not in the JWKS', async () => {
    const other = await generateKeyPair('RS256');
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('x').setAudience('sagsspor').setIssuer('https://idp.example').setExpirationTime('5m').sign(other.privateKey);
    await expect(verifier.principalOf(`Bearer ${token}`)).rejects.toMatchObject({ reason: 'invalid' });
  });
});
