import type { Principal, Role } from './principal';

/**
 * Where a request names its tenant, for roles bound to one (municipality, boernehus, ops with a
 * house). `optional`: the field may be left out, and then the caller's own tenant applies
 * (reports: an ops user of one house sees that house).
 */
export interface TenantField {
  in: 'body' | 'params' | 'query';
  field: string;
  optional?: boolean;
}

/**
 * What a role may do on a route: `any` (no tenant involved, or a national role), a tenant named by
 * the request (`TenantField`), or `resource`: the handler loads the thing and checks its tenant
 * with `assertTenant` (answering 404 for another tenant's, so ids cannot be probed).
 */
export type TenantRule = 'any' | 'resource' | TenantField;

/** Declared on every route: which roles may call it and how their tenant is checked. Roles left out get 403. */
export type AccessPolicy = Partial<Record<Role, TenantRule>>;

/** The tenant a resource belongs to. */
export interface ResourceTenant {
  municipalityCode?: string;
  houseCode?: string;
}

export type AccessDecision =
  | { allowed: true; rule: TenantRule }
  | { allowed: false; status: 403; code: string; message: string };

/** The tenant claim a role is bound by, if any (a national ops user is bound by none). */
export function tenantClaimOf(principal: Principal): { kind: 'municipality' | 'house'; value: string } | undefined {
  if (principal.role === 'municipality' && principal.municipalityCode) return { kind: 'municipality', value: principal.municipalityCode };
  if ((principal.role === 'boernehus' || principal.role === 'ops') && principal.houseCode) return { kind: 'house', value: principal.houseCode };
  return undefined;
}

const readOnlyRoles: readonly Role[] = ['ops'];

/** The one place that decides whether a principal may call a route, before the handler runs. */
export function decideAccess(
  principal: Principal,
  policy: AccessPolicy,
  request: { method: string; body?: unknown; params?: Record<string, unknown>; query?: Record<string, unknown> },
): AccessDecision {
  const rule = policy[principal.role];
  if (rule === undefined) {
    return { allowed: false, status: 403, code: 'AUTH.ROLE_NOT_ALLOWED', message: `The role '${principal.role}' may not use this endpoint` };
  }
  if (readOnlyRoles.includes(principal.role) && !['GET', 'HEAD'].includes(request.method.toUpperCase())) {
    return { allowed: false, status: 403, code: 'AUTH.READ_ONLY_ROLE', message: `The role '${principal.role}' is read-only` };
  }
  if (rule === 'any' || rule === 'resource') return { allowed: true, rule };
  const claim = tenantClaimOf(principal);
  if (!claim) return { allowed: true, rule };
  const source = (rule.in === 'body' ? request.body : rule.in === 'params' ? request.params : request.query) as Record<string, unknown> | undefined;
  const named = source && typeof source === 'object' ? source[rule.field] : undefined;
  if (named === undefined || named === null || named === '') {
    if (rule.optional) return { allowed: true, rule };
    // Let validation name the missing field; the tenant cannot be another's if it is not there.
    return { allowed: true, rule };
  }
  if (named !== claim.value) {
    return {
      allowed: false,
      status: 403,
      code: 'AUTH.OTHER_TENANT',
      message: `Your token is for ${claim.kind} ${claim.value}; ${rule.field} ${JSON.stringify(named).slice(0, 40)} is another ${claim.kind}'s`,
    };
  }
  return { allowed: true, rule };
}

/** Whether a resource belongs to the principal's tenant (always true for roles bound to none). */
export function ownsResource(principal: Principal, resource: ResourceTenant): boolean {
  const claim = tenantClaimOf(principal);
  if (!claim) return true;
  return claim.kind === 'municipality' ? resource.municipalityCode === claim.value : resource.houseCode === claim.value;
}

/** The house a report is limited to: the caller's own house if bound to one, else the one asked for (or all). */
export function houseScopeOf(principal: Principal, requested?: string): string | undefined {
  const claim = tenantClaimOf(principal);
  return claim?.kind === 'house' ? claim.value : requested;
}

/** The municipality a municipality user is limited to, else the one asked for (or all). */
export function municipalityScopeOf(principal: Principal, requested?: string): string | undefined {
  const claim = tenantClaimOf(principal);
  return claim?.kind === 'municipality' ? claim.value : requested;
}
