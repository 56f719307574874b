import { upcastEvent } from '@sagsspor/domain';
import { mandatoryReferralWatchUpcasters } from './mandatory-referral-watch.events';

// The watch's stored shapes before legalBasis, and what every read makes of them (ADR 0014).
const watched = { underretningId: 'U-1', municipalityCode: '751', houseCode: 'midt', childRef: 'a'.repeat(64), childSex: 'female', childBirthDate: '2016-04-02', receivedAt: '2023-12-01' };
const deadline = (criteriaMetAt: string) => ({ criteriaMetAt, referralDueBy: '2024-01-14', referralWindowDays: 14, policeInvolvement: 'consulted' });

describe('upcasting the mandatory-referral watch events', () => {
  it.each([
    ['MandatoryReferralDeadlineSet', { ...watched, ...deadline('2023-12-31') }, 'serviceloven-50b'],
    ['MandatoryReferralDeadlineSet', { ...watched, ...deadline('2024-01-01') }, 'barnets-lov-125'],
    ['MandatoryReferralMadeInTime', { ...watched, ...deadline('2023-12-20'), referralId: 'R-1', referredAt: '2023-12-22' }, 'serviceloven-50b'],
    ['MandatoryReferralGapOpened', { ...watched, ...deadline('2025-03-06'), gapId: 'gap-U-1', openedAt: '2025-03-21' }, 'barnets-lov-125'],
  ])('%s stored without legalBasis (%j) reads with legalBasis %s', (type, stored, legalBasis) => {
    expect(upcastEvent(mandatoryReferralWatchUpcasters, { type, data: stored })).toEqual({ type, data: { ...stored, legalBasis } });
  });

  it.each([
    ['MandatoryReferralGapOpened', { ...watched, ...deadline('2023-12-31'), legalBasis: 'serviceloven-50b', gapId: 'gap-U-1', openedAt: '2024-01-15' }],
    ['MandatoryReferralWatchStopped', { underretningId: 'U-1' }],
    ['MandatoryReferralGapClosed', { gapId: 'gap-U-1', underretningId: 'U-1', municipalityCode: '751', childRef: 'a'.repeat(64), referralDueBy: '2024-01-14', daysOverdue: 3, referralId: 'R-1', referredAt: '2024-01-17' }],
  ])('%s in the current shape is read as stored', (type, stored) => {
    expect(upcastEvent(mandatoryReferralWatchUpcasters, { type, data: stored })).toEqual({ type, data: stored });
  });
});
