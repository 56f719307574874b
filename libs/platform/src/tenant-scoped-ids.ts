import { ApiPropertyOptional } from '@nestjs/swagger';
import { ownsResource, type Principal, type ResourceTenant } from '@sagsspor/auth';
import { DomainError, tenantOfStreamId, tenantScopedStreamId } from '@sagsspor/domain';
import type { Request } from 'express';
import { municipalities, policeDistricts } from '@sagsspor/reference-data';
import { IsIn, IsOptional } from 'class-validator';
import type { AuthenticatedRequest } from './access';
import { IsKnownMunicipality } from './validation';

/** A kind of caller id that is unique only within its tenant, and whose stream names both (`tenantScopedStreamId`, ADR 0095). */
export interface TenantScopedIds {
  /** The stream id prefix, e.g. `referral-`. */
  prefix: string;
  /** Which tenant a caller bound to one holds its ids in, if it is bound to a tenant of this kind. */
  ownTenantOf: (principal: Principal) => string | undefined;
  /** Every tenant that can hold ids of this kind. */
  tenants: readonly string[];
}

/**
 * Which of a caller's resources an id in a path names: the tenants to look in, and whether the
 * caller may see what is found there (another tenant's resource is treated as absent).
 */
export interface TenantScope {
  tenants: readonly string[];
  owns: (resource: ResourceTenant) => boolean;
}

/**
 * The scope of a `resource` route's id: the caller's own tenant when it is bound to one of this
 * kind (a municipality addresses its own ids); else the tenant it named (`named`, an optional query
 * parameter); else every tenant, and ownership decides (house staff see their house's). Marks the
 * request's tenant as checked: every resource found is filtered by `owns`.
 */
export function tenantScopeOf(request: Request, ids: TenantScopedIds, named?: string): TenantScope {
  const r = request as AuthenticatedRequest;
  const principal = r.principal;
  if (!principal) throw new Error('tenantScopeOf on a route without a principal');
  r.tenantChecked = true;
  const own = ids.ownTenantOf(principal);
  const tenants = own !== undefined ? [own] : named !== undefined ? ids.tenants.filter((t) => t === named) : ids.tenants;
  return { tenants, owns: (resource) => r.tenantRule !== 'resource' || ownsResource(principal, resource) };
}

/**
 * The one resource an id names within a scope. `existing` answers which of the candidate streams
 * exist (one read), `load` reads one. None the caller may see: `notFound`, the same answer whether
 * the id is unused or another tenant's. Several of the caller's own (house staff whose house got
 * the same id from two municipalities): a conflict naming only those tenants, so the caller can
 * name one; nothing about tenants it may not see.
 */
export async function oneInScope<R>(options: {
  ids: TenantScopedIds;
  id: string;
  scope: TenantScope;
  existing: (streamIds: string[]) => Promise<string[]>;
  load: (streamId: string) => Promise<R | undefined>;
  tenantOf: (resource: R) => ResourceTenant;
  notFound: () => DomainError;
  ambiguousCode: string;
  tenantParameter: string;
}): Promise<{ streamId: string; resource: R }> {
  const { ids, id, scope } = options;
  const candidates = await options.existing(scope.tenants.map((tenant) => tenantScopedStreamId(ids.prefix, tenant, id)));
  const found: { streamId: string; resource: R; tenant: string }[] = [];
  for (const streamId of candidates) {
    const resource = await options.load(streamId);
    if (resource !== undefined && scope.owns(options.tenantOf(resource))) found.push({ streamId, resource, tenant: tenantOfStreamId(ids.prefix, streamId) });
  }
  if (found.length === 0) throw options.notFound();
  if (found.length > 1) {
    const tenants = found.map((f) => f.tenant).join(', ');
    throw new DomainError(options.ambiguousCode, `${id} names one of yours in each of ${tenants}: name one with ?${options.tenantParameter}=`);
  }
  const [{ streamId, resource }] = found;
  return { streamId, resource };
}

/** Ids a municipality gives (underretninger, referrals): a municipality user addresses its own. */
export const municipalityScopedIds = (prefix: string): TenantScopedIds => ({
  prefix,
  ownTenantOf: (principal) => (principal.role === 'municipality' ? principal.municipalityCode : undefined),
  tenants: municipalities.map((m) => m.code),
});

/** Ids a police district's system gives (video interviews); police tokens are national, so the district is named or looked up. */
export const policeDistrictScopedIds = (prefix: string): TenantScopedIds => ({ prefix, ownTenantOf: () => undefined, tenants: policeDistricts.map((d) => d.code) });

/** `?municipality=`: for a caller not bound to a municipality, which municipality's id a path names (ADR 0095). */
export class MunicipalityOfIdQuery {
  @ApiPropertyOptional({
    example: '751',
    description: "Whose id the path names, when more than one municipality's referral (or underretning) you may see has it. A municipality user's own municipality applies to it anyway.",
  })
  @IsOptional()
  @IsKnownMunicipality()
  municipality?: string;
}

/** `?policeDistrict=`: which police district's interview id a path names (ADR 0095). */
export class PoliceDistrictOfIdQuery {
  @ApiPropertyOptional({ example: 'oestjylland', description: 'The police district whose interview id the path names, when more than one district used it.' })
  @IsOptional()
  @IsIn(policeDistricts.map((d) => d.code))
  policeDistrict?: string;
}
