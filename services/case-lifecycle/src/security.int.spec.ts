import { ReferralAcceptedV1 } from '@sagsspor/contracts';
import { describeSecurityAttacks } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseLifecycleService } from './service';
import { eventPublisher, referralAccepted } from './test-support/case-lifecycle.harness';

// The attacks of issue 8 on case-lifecycle, aimed at a case of house midt opened from a
// ReferralAccepted event: each refused attack leaves every table as it was.
describeSecurityAttacks(caseLifecycleService, {
  arrange: async (running) => {
    const publisher = await eventPublisher(running);
    const accepted = referralAccepted({ houseCode: 'midt', municipalityCode: '751', referredAt: '2025-03-10', acceptedAt: '2025-03-12' });
    await publisher.publish(ReferralAcceptedV1, accepted);
    await publisher.disconnect();
    await waitFor(() => running.dataSource.query(`SELECT 1 FROM case_list WHERE case_id = $1`, [accepted.caseId]), (rows: unknown[]) => rows.length === 1, { timeoutMs: 30000, what: 'the case to open' });
    const caseId = accepted.caseId;
    return {
      write: {
        caller: { role: 'boernehus', tenant: { house: 'midt' } },
        method: 'POST',
        path: `/v1/cases/${caseId}/services`,
        body: { serviceId: 'SEC-S-1', kind: 'crisis-conversation', deliveredAt: '2025-03-20', recipient: 'carer' },
      },
      otherTenant: { role: 'boernehus', tenant: { house: 'nord' } },
      reads: [
        { method: 'GET', path: `/v1/cases/${caseId}` },
        { method: 'POST', path: `/v1/cases/${caseId}/close`, body: { closedAt: '2025-04-01', outcome: 'withdrawn' } },
        { method: 'POST', path: `/v1/cases/${caseId}/suspects`, body: { suspectId: 'SEC-SU-1', sex: 'male', relation: 'parent', ageGroup: '18-29' } },
      ],
      params: { caseId, year: '2025' },
    };
  },
  bodies: { 'PUT /v1/reference/tariffs/:year': [{ houseCode: 'midt', dkkPerCase: 13827 }] },
});
