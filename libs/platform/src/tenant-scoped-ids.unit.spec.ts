import type { Principal } from '@sagsspor/auth';
import { DomainError } from '@sagsspor/domain';
import type { Request } from 'express';
import { municipalityScopedIds, oneInScope, tenantScopeOf } from './tenant-scoped-ids';

const referralIds = municipalityScopedIds('referral-');
const requestOf = (principal: Principal, tenantRule: 'resource' | 'any' = 'resource') => ({ principal, tenantRule }) as unknown as Request;
const aarhus: Principal = { subject: 'u', role: 'municipality', municipalityCode: '751' };
const midt: Principal = { subject: 'h', role: 'boernehus', houseCode: 'midt' };

/** Referral streams as stored: R-1 of Aarhus and Randers (both at Midt) and of København (Hovedstaden). */
const stored: Record<string, { municipalityCode: string; houseCode: string }> = {
  'referral-751:R-1': { municipalityCode: '751', houseCode: 'midt' },
  'referral-730:R-1': { municipalityCode: '730', houseCode: 'midt' },
  'referral-101:R-1': { municipalityCode: '101', houseCode: 'hovedstaden' },
  'referral-101:R-2': { municipalityCode: '101', houseCode: 'hovedstaden' },
};
const find = (id: string, request: Request, named?: string) =>
  oneInScope({
    ids: referralIds,
    id,
    scope: tenantScopeOf(request, referralIds, named),
    existing: async (streamIds) => streamIds.filter((s) => s in stored),
    load: async (streamId) => stored[streamId],
    tenantOf: (r) => r,
    notFound: () => new DomainError('REFERRAL.NOT_FOUND', `there is no referral ${id}`, 'not-found'),
    ambiguousCode: 'REFERRAL.AMBIGUOUS_ID',
    tenantParameter: 'municipality',
  });

describe('tenant-scoped ids (ADR 0095)', () => {
  it("a municipality user finds its own id, whatever municipality it names, and never another's", async () => {
    expect(await find('R-1', requestOf(aarhus))).toEqual({ streamId: 'referral-751:R-1', resource: stored['referral-751:R-1'] });
    expect(await find('R-1', requestOf(aarhus), '101')).toMatchObject({ streamId: 'referral-751:R-1' });
    await expect(find('R-2', requestOf(aarhus))).rejects.toMatchObject({ code: 'REFERRAL.NOT_FOUND' });
  });

  it('house staff find the one of their house; two of their house are a conflict naming only those municipalities', async () => {
    await expect(find('R-1', requestOf(midt))).rejects.toMatchObject({ code: 'REFERRAL.AMBIGUOUS_ID', message: expect.stringMatching(/^R-1 names one of yours in each of 730, 751/) });
    await expect(find('R-1', requestOf(midt))).rejects.not.toMatchObject({ message: expect.stringMatching(/101/) });
    expect(await find('R-1', requestOf(midt), '730')).toMatchObject({ streamId: 'referral-730:R-1' });
  });

  it("answers another house's referral exactly as an unused id", async () => {
    const refusal = (id: string) => find(id, requestOf(midt)).then(() => { throw new Error(`${id} was found`); }, (e: DomainError) => e);
    const [another, unused] = [await refusal('R-2'), await refusal('R-9')];
    expect([another.code, another.kind, another.message.replace('R-2', '<id>')]).toEqual([unused.code, unused.kind, unused.message.replace('R-9', '<id>')]);
    await expect(find('R-1', requestOf(midt), '101')).rejects.toMatchObject({ code: 'REFERRAL.NOT_FOUND' });
  });

  it('a national role sees every tenant; an unknown tenant named finds nothing', async () => {
    const admin = requestOf({ subject: 'a', role: 'admin' }, 'any');
    await expect(find('R-1', admin)).rejects.toMatchObject({ code: 'REFERRAL.AMBIGUOUS_ID', message: expect.stringMatching(/101, 730, 751/) });
    expect(await find('R-2', admin)).toMatchObject({ streamId: 'referral-101:R-2' });
    await expect(find('R-2', admin, '999')).rejects.toMatchObject({ code: 'REFERRAL.NOT_FOUND' });
  });

  it('marks the route as tenant-checked', () => {
    const request = requestOf(aarhus) as Request & { tenantChecked?: boolean };
    tenantScopeOf(request, referralIds);
    expect(request.tenantChecked).toBe(true);
  });
});
