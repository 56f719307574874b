import { cprForms } from '@sagsspor/domain';
import { SignJWT, UnsecuredJWT } from 'jose';
import { DEVELOPMENT_SIGNING_SECRET, mintDevelopmentToken, TokenVerifier } from './tokens';

const verifier = new TokenVerifier({ verification: { kind: 'development-key', secret: DEVELOPMENT_SIGNING_SECRET }, audience: 'sagsspor', issuer: 'sagsspor-local-development' });
const key = new TextEncoder().encode(DEVELOPMENT_SIGNING_SECRET);
const signed = (claims: Record<string, unknown>, { aud = 'sagsspor', iss = 'sagsspor-local-development', exp = '1h', secret = key, sub = 'user-1' } = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setAudience(aud).setIssuer(iss).setIssuedAt().setExpirationTime(exp).sign(secret);

describe('TokenVerifier with the development key', () => {
  it('accepts a minted development token and reads the principal', async () => {
    const token = await mintDevelopmentToken({ role: 'municipality', municipality: '751' });
    expect(await verifier.principalOf(`Bearer ${token}`)).toEqual({ subject: 'dev-municipality-751', role: 'municipality', municipalityCode: '751' });
  });

  it.each([
    ['no header', undefined, /Send a bearer token/],
    ['another scheme', 'Basic dXNlcjpwYXNz', /must be: Bearer/],
    ['garbage', 'Bearer not-a-jwt-at-all', /not valid/],
  ])('refuses %s', async (_label, header, message) => {
    await expect(verifier.principalOf(header)).rejects.toThrow(message);
  });

  it('checks a token once and then knows it until it expires', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const exp = Math.floor(Date.now() / 1000) + 120;
      const token = await signed({ role: 'ops' }, { exp } as never);
      const fresh = new TokenVerifier({ verification: { kind: 'development-key', secret: DEVELOPMENT_SIGNING_SECRET }, audience: 'sagsspor', issuer: 'sagsspor-local-development' });
      expect(await fresh.principalOf(`Bearer ${token}`)).toMatchObject({ subject: 'user-1', role: 'ops' });
      expect(await fresh.principalOf(`Bearer ${token}`)).toMatchObject({ subject: 'user-1', role: 'ops' });
      jest.setSystemTime(exp * 1000 + 10_000);
      await expect(fresh.principalOf(`Bearer ${token}`)).rejects.toMatchObject({ reason: 'expired' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses an expired token, saying so', async () => {
    const token = await signed({ role: 'ops' }, { exp: Math.floor(Date.now() / 1000) - 60 } as never);
    await expect(verifier.principalOf(`Bearer ${token}`)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses a wrong signature, a wrong audience and a wrong issuer', async () => {
    await expect(verifier.principalOf(`Bearer ${await signed({ role: 'ops' }, { secret: new TextEncoder().encode('x'.repeat(64)) })}`)).rejects.toMatchObject({ reason: 'invalid' });
    await expect(verifier.principalOf(`Bearer ${await signed({ role: 'ops' }, { aud: 'someone-else' })}`)).rejects.toMatchObject({ reason: 'invalid' });
    await expect(verifier.principalOf(`Bearer ${await signed({ role: 'ops' }, { iss: 'evil' })}`)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it("refuses alg 'none'", async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin' }).setSubject('x').setAudience('sagsspor').setIssuer('sagsspor-local-development').setExpirationTime('1h').encode();
    await expect(verifier.principalOf(`Bearer ${unsigned}`)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('refuses claims that do not fit the role (escalation by claims)', async () => {
    for (const claims of [{ role: 'superuser' }, { role: 'municipality' }, { role: 'municipality', municipality: '751', house: 'midt' }, { role: 'admin', house: 'midt' }, { role: 'boernehus', house: 'atlantis' }]) {
      await expect(verifier.principalOf(`Bearer ${await signed(claims)}`)).rejects.toMatchObject({ reason: 'invalid' });
    }
  });

  it('refuses a token whose subject holds a CPR number in any form (it would reach the audit log and the events)', async () => {
    for (const sub of cprForms('010203-1234')) {
      await expect(verifier.principalOf(`Bearer ${await signed({ role: 'ops' }, { sub })}`)).rejects.toMatchObject({ reason: 'invalid' });
    }
    await expect(verifier.principalOf(`Bearer ${await signed({ role: 'ops' }, { sub: 'f3b0c442-98fc-4c1c-9a1e-0102031234ab' })}`)).resolves.toMatchObject({ role: 'ops' });
  });

  it('refuses a token without a subject', async () => {
    const token = await new SignJWT({ role: 'ops' }).setProtectedHeader({ alg: 'HS256' }).setAudience('sagsspor').setIssuer('sagsspor-local-development').setExpirationTime('1h').sign(key);
    await expect(verifier.principalOf(`Bearer ${token}`)).rejects.toMatchObject({ reason: 'invalid' });
  });
});
