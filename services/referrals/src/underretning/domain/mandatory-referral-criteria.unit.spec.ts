import { evaluateMandatoryReferralCriteria } from './mandatory-referral-criteria';

const underretning = { concerns: ['violence' as const], receivedAt: '2025-03-03' };

describe('mandatory-referral criteria (Barnets lov § 125)', () => {
  it.each([['violence'], ['sexual'], ['psychological']] as const)('counts %s as suspected abuse', (concern) => {
    expect(evaluateMandatoryReferralCriteria({ ...underretning, concerns: [concern] }, {}, 'consulted').abuseSuspected).toBe(true);
  });

  it.each([['neglect'], ['sexually-concerning-behaviour'], ['other']] as const)('does not count %s alone as suspected abuse', (concern) => {
    expect(evaluateMandatoryReferralCriteria({ ...underretning, concerns: [concern] }, { childInvestigationDecidedAt: '2025-03-04', policeReportedAt: '2025-03-04' }, 'consulted')).toMatchObject({
      abuseSuspected: false,
      met: false,
    });
  });

  it('is met at the latest of the three dates', () => {
    expect(evaluateMandatoryReferralCriteria(underretning, { childInvestigationDecidedAt: '2025-03-10', hospitalInvolvedAt: '2025-03-05' }, 'reported')).toEqual({
      policeInvolvement: 'reported',
      abuseSuspected: true,
      investigationDecided: true,
      policeOrHospitalInvolved: true,
      met: true,
      metAt: '2025-03-10',
    });
  });

  it('takes the first qualifying involvement as the date criterion 3 came to hold', () => {
    const decisions = { childInvestigationDecidedAt: '2025-03-04', policeConsultedAt: '2025-03-06', policeReportedAt: '2025-03-12' };
    expect(evaluateMandatoryReferralCriteria(underretning, decisions, 'consulted').metAt).toBe('2025-03-06');
    expect(evaluateMandatoryReferralCriteria(underretning, decisions, 'reported').metAt).toBe('2025-03-12');
  });

  it('needs a § 20 decision: a § 11 preventive measure does not replace it', () => {
    expect(evaluateMandatoryReferralCriteria(underretning, { preventiveMeasureAt: '2025-03-04', policeReportedAt: '2025-03-04' }, 'consulted')).toMatchObject({
      investigationDecided: false,
      met: false,
    });
  });

  it('has no metAt while not met', () => {
    expect(evaluateMandatoryReferralCriteria(underretning, { childInvestigationDecidedAt: '2025-03-04' }, 'consulted')).not.toHaveProperty('metAt');
  });
});
