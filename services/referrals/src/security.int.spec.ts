import { describeSecurityAttacks, httpAs } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { referralsService } from './service';

// The attacks of issue 8 on referrals: forged tokens, widened claims, another municipality's and
// house's ids, injection in every text field, oversized and malformed bodies; each refused attack
// leaves every table as it was.
describeSecurityAttacks(referralsService, {
  arrange: async (running) => {
    const aarhus = httpAs(running.url, 'municipality', { municipality: '751' });
    const midt = httpAs(running.url, 'boernehus', { house: 'midt' });
    const child = generateCpr('2016-04-02', 'female', 81);
    const created = [
      await aarhus.post('/v1/underretninger', { underretningId: 'SEC-U-1', childCpr: child, municipalityCode: '751', receivedAt: '2025-03-03', concerns: ['sexual'], source: 'health' }),
      await aarhus.post('/v1/referrals', { referralId: 'SEC-R-1', childCpr: child, municipalityCode: '751', referredAt: '2025-03-10', municipalityAwareAt: '2025-03-03', abuseTypes: ['sexual'] }),
      await midt.post('/v1/consultations', { consultationId: 'SEC-K-1', houseCode: 'midt', municipalityCode: '751', askedAt: '2025-03-07', outcome: 'advice-given' }),
    ];
    expect(created.map((a) => a.status)).toEqual([201, 201, 201]);
    return {
      write: {
        caller: { role: 'municipality', tenant: { municipality: '751' } },
        method: 'POST',
        path: '/v1/referrals',
        body: { referralId: 'SEC-R-2', childCpr: generateCpr('2014-07-21', 'male', 82), municipalityCode: '751', referredAt: '2025-03-10', municipalityAwareAt: '2025-03-03', abuseTypes: ['violence'] },
      },
      otherTenant: { role: 'municipality', tenant: { municipality: '101' } },
      reads: [
        { method: 'GET', path: '/v1/referrals/SEC-R-1' },
        { method: 'GET', path: '/v1/underretninger/SEC-U-1' },
        { method: 'GET', path: '/v1/consultations/SEC-K-1' },
        { method: 'POST', path: '/v1/referrals/SEC-R-1/withdraw', body: { withdrawnAt: '2025-03-11', reason: 'duplicate' } },
        { method: 'POST', path: '/v1/underretninger/SEC-U-1/decisions', body: { childInvestigationDecidedAt: '2025-03-04' } },
        { method: 'POST', path: '/v1/underretninger/SEC-U-1/not-referred-reasons', body: { reasons: ['other'] } },
      ],
      params: { referralId: 'SEC-R-1', underretningId: 'SEC-U-1', consultationId: 'SEC-K-1' },
    };
  },
});
