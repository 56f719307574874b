import type { JWK } from 'jose';
import { publicCprTransportJwk } from '@sagsspor/child-identity';
import { DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK } from './development-inbound-cpr-key';

/** The key police systems encrypt the CPR to on the inbound topic (ADR 0020). */
export interface InboundCprKey {
  privateJwk: JWK;
  /** Served at GET /v1/video-interviews/encryption-key. */
  publicJwks: { keys: JWK[] };
  development: boolean;
}

export const INBOUND_CPR_KEY = Symbol('INBOUND_CPR_KEY');

/**
 * INBOUND_CPR_PRIVATE_JWK (a JSON RSA private JWK with a `kid`), or the committed development key
 * outside production. Refuses to start in production without a key of its own.
 */
export function loadInboundCprKey(env: NodeJS.ProcessEnv, production: boolean): InboundCprKey {
  const configured = env.INBOUND_CPR_PRIVATE_JWK;
  if (!configured) {
    if (production) {
      throw new Error('INBOUND_CPR_PRIVATE_JWK must be set in production (NODE_ENV=production): the development key for inbound CPRs is public knowledge');
    }
    return keyFrom(DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK, true);
  }
  let jwk: JWK;
  try {
    jwk = JSON.parse(configured) as JWK;
  } catch {
    throw new Error('INBOUND_CPR_PRIVATE_JWK must be a JSON Web Key (JSON)');
  }
  if (jwk?.kty !== 'RSA' || !jwk.n || !jwk.e || !jwk.d || !jwk.p || !jwk.q) {
    throw new Error('INBOUND_CPR_PRIVATE_JWK must be an RSA private key as a JWK (kty RSA with n, e, d, p, q)');
  }
  if (!jwk.kid) throw new Error('INBOUND_CPR_PRIVATE_JWK must have a kid, so police systems can tell the current key from an old one');
  if (jwk.kid.length > 200) throw new Error('INBOUND_CPR_PRIVATE_JWK: its kid must be at most 200 characters (the OpenAPI document says so)');
  const development = jwk.n === DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK.n;
  if (production && development) throw new Error('INBOUND_CPR_PRIVATE_JWK is the development key, which is refused in production (NODE_ENV=production)');
  return keyFrom(jwk, development);
}

function keyFrom(privateJwk: JWK, development: boolean): InboundCprKey {
  return { privateJwk, publicJwks: { keys: [publicCprTransportJwk(privateJwk)] }, development };
}
