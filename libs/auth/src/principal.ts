import { type HouseCode, houseCodes } from '@sagsspor/contracts';
import { containsCpr } from '@sagsspor/domain';

/**
 * The roles of api.md. A role's tenant comes from a claim: `municipality` (its municipality code),
 * `boernehus` (its house), `ops` (a house, or none for national), `police` and `admin` (none).
 */
export const roles = ['municipality', 'boernehus', 'police', 'ops', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface Principal {
  /** The caller's id (user or system), for the audit log. Never personal data of a child. */
  subject: string;
  role: Role;
  municipalityCode?: string;
  houseCode?: HouseCode;
}

/** The claims Sagsspor reads from a token, besides the registered ones (sub, aud, iss, exp). */
export interface SagssporClaims {
  role: Role;
  municipality?: string;
  house?: HouseCode;
}

export class InvalidPrincipalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPrincipalError';
  }
}

/** Claims → principal; refuses a token whose role lacks (or has the wrong) tenant claim. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, role, municipality, house } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) throw new InvalidPrincipalError('the token has no subject (sub)');
  // The subject goes into the audit log and every event's actor: an identity provider that names people by CPR cannot be used as is.
  if (containsCpr(sub)) throw new InvalidPrincipalError('the token subject (sub) must not contain a CPR number');
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role)) throw new InvalidPrincipalError(`the token's role must be one of ${roles.join(', ')}`);
  if (municipality !== undefined && (typeof municipality !== 'string' || !/^\d{3}$/.test(municipality))) throw new InvalidPrincipalError('the municipality claim must be a 3-digit code');
  if (house !== undefined && !(houseCodes as readonly unknown[]).includes(house)) throw new InvalidPrincipalError(`the house claim must be one of ${houseCodes.join(', ')}`);
  const principal: Principal = { subject: sub, role: role as Role };
  switch (principal.role) {
    case 'municipality':
      if (!municipality || house) throw new InvalidPrincipalError('a municipality token carries a municipality claim and no house claim');
      return { ...principal, municipalityCode: municipality as string };
    case 'boernehus':
      if (!house || municipality) throw new InvalidPrincipalError('a boernehus token carries a house claim and no municipality claim');
      return { ...principal, houseCode: house as HouseCode };
    case 'ops':
      if (municipality) throw new InvalidPrincipalError('an ops token carries at most a house claim');
      return house ? { ...principal, houseCode: house as HouseCode } : principal;
    case 'police':
    case 'admin':
      if (municipality || house) throw new InvalidPrincipalError(`a ${principal.role} token carries no tenant claim`);
      return principal;
  }
}
