import { MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2 } from './events/referrals.events';
import { validateIntegrationEventData, integrationEventCatalog } from './catalog';
import type { IntegrationEvent } from './integration-event';
import { inLatestVersion, supersededVersions, withOlderVersions } from './versions';

const event = (type: string, data: unknown): IntegrationEvent => ({ id: 'e-1', type, source: '/sagsspor/referrals', time: '2025-03-21T10:00:00.000Z', data });

describe('superseded versions', () => {
  it.each(supersededVersions.map((v) => [v.superseded.type, v]))('%s: upgrades its sample to valid data of the newer version, in the catalog beside it', (_type, v) => {
    expect(integrationEventCatalog).toEqual(expect.arrayContaining([v.superseded, v.by]));
    expect(v.superseded.topic).toBe(v.by.topic);
    expect(validateIntegrationEventData(v.by.type, v.upgrade(v.superseded.example))).toEqual([]);
    expect(v.publishedUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  // The upgrade as data: a v1 gap and the v2 gap it is.
  it.each([
    ['2023-12-31', 'serviceloven-50b'],
    ['2024-01-01', 'barnets-lov-125'],
    ['2025-03-06', 'barnets-lov-125'],
  ])('a v1 gap whose criteria were met on %s is a v2 gap resting on %s', (criteriaMetAt, legalBasis) => {
    const v1 = { ...MandatoryReferralGapOpenedV1.example, criteriaMetAt };
    expect(inLatestVersion(event(MandatoryReferralGapOpenedV1.type, v1))).toEqual(event(MandatoryReferralGapOpenedV2.type, { ...v1, legalBasis }));
  });

  it('leaves an event in its latest version as it is', () => {
    const v2 = event(MandatoryReferralGapOpenedV2.type, MandatoryReferralGapOpenedV2.example);
    expect(inLatestVersion(v2)).toBe(v2);
  });

  it('tells a consumer of the latest version which older types it must read too', () => {
    expect(withOlderVersions([MandatoryReferralGapOpenedV2.type, 'x'])).toEqual([MandatoryReferralGapOpenedV2.type, 'x', MandatoryReferralGapOpenedV1.type]);
    expect(withOlderVersions(['x'])).toEqual(['x']);
  });
});
