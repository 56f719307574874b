import { DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK } from './development-inbound-cpr-key';
import { loadInboundCprKey } from './inbound-cpr-key';

const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicHalf } = DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK;

describe('the inbound CPR key from configuration', () => {
  it('uses the development key outside production and publishes only its public half', () => {
    const key = loadInboundCprKey({}, false);
    expect(key.development).toBe(true);
    expect(key.publicJwks.keys).toEqual([{ kty: 'RSA', n: publicHalf.n, e: publicHalf.e, kid: publicHalf.kid, alg: 'RSA-OAEP-256', use: 'enc' }]);
  });

  it('refuses to start in production without a key of its own', () => {
    expect(() => loadInboundCprKey({}, true)).toThrow(/INBOUND_CPR_PRIVATE_JWK must be set in production/);
  });

  it('refuses the development key in production even when configured explicitly', () => {
    expect(() => loadInboundCprKey({ INBOUND_CPR_PRIVATE_JWK: JSON.stringify(DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK) }, true)).toThrow(/development key/);
  });

  it('takes a configured key with its kid', () => {
    const own = { ...DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK, n: `${DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK.n}A`, kid: 'prod-2026-1' };
    const key = loadInboundCprKey({ INBOUND_CPR_PRIVATE_JWK: JSON.stringify(own) }, true);
    expect(key).toMatchObject({ development: false, publicJwks: { keys: [{ kid: 'prod-2026-1' }] } });
  });

  it.each([
    ['not JSON', '{"kty":', /must be a JSON Web Key/],
    ['a public key only', JSON.stringify(publicHalf), /RSA private key/],
    ['an EC key', JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c', kid: 'k' }), /RSA private key/],
    ['a key without kid', JSON.stringify({ ...DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK, kid: undefined }), /must have a kid/],
  ])('refuses %s', (_what, value, message) => {
    expect(() => loadInboundCprKey({ INBOUND_CPR_PRIVATE_JWK: value }, false)).toThrow(message);
  });
});
