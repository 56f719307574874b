import { describeFuzz, httpAs } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { referralsService } from './service';

// Random and malformed requests to every POST of referrals (docs/reliability.md): never a 5xx,
// and the event store changes only on a 2xx. Path ids point at a real underretning and referral
// half of the time, so the commands behind them run too.
describeFuzz(referralsService, {
  numRuns: 60,
  pathValues: async (service) => {
    const aarhus = httpAs(service.url, 'municipality', { municipality: '751' });
    const childCpr = generateCpr('2014-05-06', 'female', 901);
    await aarhus.post('/v1/underretninger', { underretningId: 'FUZZ-U-1', childCpr, municipalityCode: '751', receivedAt: '2025-03-04', concerns: ['violence'], source: 'school' });
    await aarhus.post('/v1/referrals', { referralId: 'FUZZ-R-1', childCpr, municipalityCode: '751', referredAt: '2025-03-10', municipalityAwareAt: '2025-03-06', abuseTypes: ['violence'], houseCode: 'midt' });
    return { underretningId: 'FUZZ-U-1', referralId: 'FUZZ-R-1' };
  },
});
