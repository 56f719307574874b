import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { type Principal, principalFromClaims, type Role } from './principal';

/** How tokens are checked: a JWKS URL (RS256) in production, a shared HS256 key for local development. */
export type TokenVerification = { kind: 'jwks'; jwksUrl: string } | { kind: 'development-key'; secret: string };

export interface AuthSettings {
  verification: TokenVerification;
  audience: string;
  issuer: string;
}

export const DEVELOPMENT_SIGNING_SECRET = 'sagsspor-local-development-signing-key-not-for-production';
export const DEFAULT_AUDIENCE = 'sagsspor';
export const DEVELOPMENT_ISSUER = 'sagsspor-local-development';

/** Auth settings from the environment: AUTH_JWKS_URL (production) or AUTH_DEV_SECRET, AUTH_AUDIENCE, AUTH_ISSUER. */
export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const verification: TokenVerification = env.AUTH_JWKS_URL
    ? { kind: 'jwks', jwksUrl: env.AUTH_JWKS_URL }
    : { kind: 'development-key', secret: env.AUTH_DEV_SECRET ?? DEVELOPMENT_SIGNING_SECRET };
  return { verification, audience: env.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE, issuer: env.AUTH_ISSUER ?? (env.AUTH_JWKS_URL ? '' : DEVELOPMENT_ISSUER) };
}

/** Why a token was refused: said to the caller in general terms only. */
export class UnauthenticatedError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'malformed' | 'expired' | 'invalid',
  ) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Tokens verified recently, at most this many, each for at most this long (and never past its `exp`). */
const VERIFIED_TOKENS = 10_000;
const VERIFIED_FOR_MS = 5 * 60_000;

export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  /**
   * A caller sends the same token with every request until it expires: its signature is checked
   * once, and the principal kept until the token's expiry (or 5 minutes, so a key withdrawn from the
   * JWKS stops being trusted soon). A token that failed is never kept.
   */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly settings: AuthSettings) {
    if (settings.verification.kind === 'jwks') {
      this.key = createRemoteJWKSet(new URL(settings.verification.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
      this.algorithms = ['RS256'];
    } else {
      this.key = new TextEncoder().encode(settings.verification.secret);
      this.algorithms = ['HS256'];
    }
  }

  /** Verifies `Authorization: Bearer <jwt>`: signature and algorithm, expiry, audience, issuer, then the Sagsspor claims. */
  async principalOf(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw new UnauthenticatedError('Send a bearer token: Authorization: Bearer <JWT>', 'missing');
    const match = /^Bearer ([A-Za-z0-9_\-.]{10,8192})$/.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must be: Bearer <JWT>', 'malformed');
    const token = match[1];
    const known = this.verified.get(token);
    if (known && known.until > Date.now()) return known.principal;
    if (known) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        audience: this.settings.audience,
        issuer: this.settings.issuer || undefined,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 5,
      });
      const principal = principalFromClaims(payload);
      this.remember(token, principal, (payload.exp ?? 0) * 1000);
      return principal;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The token has expired', 'expired');
      throw new UnauthenticatedError('The token is not valid here', 'invalid');
    }
  }

  private remember(token: string, principal: Principal, expiresAt: number): void {
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, until: Math.min(expiresAt, Date.now() + VERIFIED_FOR_MS) });
  }
}

export interface DevelopmentTokenRequest {
  role: Role;
  municipality?: string;
  house?: string;
  subject?: string;
  /** Seconds; default 12 hours. */
  expiresInSeconds?: number;
  secret?: string;
  audience?: string;
  issuer?: string;
}

/** A token signed with the local development key (npm run cli -- token). Refused by production services. */
export async function mintDevelopmentToken(request: DevelopmentTokenRequest): Promise<string> {
  const claims: Record<string, unknown> = { role: request.role };
  if (request.municipality) claims.municipality = request.municipality;
  if (request.house) claims.house = request.house;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? `dev-${request.role}${request.municipality ? `-${request.municipality}` : ''}${request.house ? `-${request.house}` : ''}`)
    .setAudience(request.audience ?? DEFAULT_AUDIENCE)
    .setIssuer(request.issuer ?? DEVELOPMENT_ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.expiresInSeconds ?? 12 * 3600))
    .sign(new TextEncoder().encode(request.secret ?? DEVELOPMENT_SIGNING_SECRET));
}
