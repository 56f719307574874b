import { Injectable } from '@nestjs/common';
import { ReferralAcceptedV1, type ReferralAcceptedV1 as ReferralAccepted } from '@sagsspor/contracts';
import { PostgresEventStore } from '@sagsspor/event-store';
import type { IntegrationEventHandler } from '@sagsspor/messaging';
import type { IntegrationEventHandlers } from '@sagsspor/platform';
import { caseDecider } from './case.decider';
import { caseStreamId } from './case.events';

/** Integration events → case commands, handled in the consumer's inbox transaction. */
@Injectable()
export class CaseKafkaController implements IntegrationEventHandlers {
  constructor(private readonly eventStore: PostgresEventStore) {}

  handlers(): Record<string, IntegrationEventHandler> {
    return {
      [ReferralAcceptedV1.type]: async (event, { manager }) => {
        const accepted = event.data as ReferralAccepted;
        await this.eventStore.handle(
          caseDecider,
          caseStreamId(accepted.caseId),
          {
            type: 'OpenCase',
            data: {
              caseId: accepted.caseId,
              referralId: accepted.referralId,
              childRef: accepted.childRef,
              childSex: accepted.childSex,
              childAgeYears: accepted.childAgeYears,
              municipalityCode: accepted.municipalityCode,
              houseCode: accepted.houseCode,
              referredAt: accepted.referredAt,
              municipalityAwareAt: accepted.municipalityAwareAt,
              openedAt: accepted.acceptedAt,
              abuseTypes: accepted.abuseTypes,
              caseKind: accepted.caseKind,
            },
          },
          { manager, now: new Date(), metadata: { causationId: event.id, traceparent: event.traceparent }, respond: () => null },
        );
      },
    };
  }
}
