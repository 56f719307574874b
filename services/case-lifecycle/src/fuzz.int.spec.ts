import { ReferralAcceptedV1 } from '@sagsspor/contracts';
import { describeFuzz, describeTopicFuzz } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseLifecycleService } from './service';
import { eventPublisher, referralAccepted, waitForCaseEvent } from './test-support/case-lifecycle.harness';

// Random and malformed requests to every POST and PUT of case-lifecycle (docs/reliability.md):
// never a 5xx, and the event store changes only on a 2xx. Half of the requests name an open case.
describeFuzz(caseLifecycleService, {
  numRuns: 60,
  pathValues: async (service) => {
    const publisher = await eventPublisher(service);
    const accepted = referralAccepted({ houseCode: 'midt', municipalityCode: '751' });
    await publisher.publish(ReferralAcceptedV1, accepted);
    await waitForCaseEvent(service, accepted.caseId, (events) => events.some((e) => e.type === 'CaseOpened'), 'the fuzzed case to be opened');
    await publisher.disconnect();
    // The case is from 2025: its deadlines are due already and the scheduler records them. Let it
    // finish first, so every event written during the fuzzing is the fuzzer's doing.
    await waitFor(
      () => service.dataSource.query(`SELECT count(*)::int AS n FROM scheduled_commands WHERE fired_at IS NULL AND due_at <= now()`),
      (rows: { n: number }[]) => rows[0].n === 0,
      { timeoutMs: 30000, what: 'the due deadlines to be recorded' },
    );
    return { caseId: accepted.caseId, year: '2025' };
  },
});

// The topics case-lifecycle consumes (referrals' and sector-coordination's events), fuzzed the same way.
describeTopicFuzz(caseLifecycleService);
