/**
 * The stream of a caller id that is unique only within its tenant (ADR 0095): a municipality's
 * underretning and referral ids, a police district's interview ids. The same id from two tenants
 * is two streams. A tenant code (a municipality code, a police district) never holds a `:`, so the
 * first one after the prefix ends the tenant, whatever the caller's id contains.
 */
export const tenantScopedStreamId = (prefix: string, tenant: string, id: string): string => `${prefix}${tenant}:${id}`;

/** The tenant a tenant-scoped stream id names. */
export const tenantOfStreamId = (prefix: string, streamId: string): string => streamId.slice(prefix.length, streamId.indexOf(':', prefix.length));
