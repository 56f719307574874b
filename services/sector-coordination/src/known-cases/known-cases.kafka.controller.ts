import { Injectable } from '@nestjs/common';
import type { IntegrationEventHandler } from '@sagsspor/messaging';
import type { IntegrationEventHandlers } from '@sagsspor/platform';
import { evolveKnownCase, knownCaseEventTypes } from './known-cases.projection';
import { KnownCasesRepository } from './known-cases.repository';

/** case-lifecycle's case events → the known_cases row, in the consumer's inbox transaction. */
@Injectable()
export class KnownCasesKafkaController implements IntegrationEventHandlers {
  constructor(private readonly knownCases: KnownCasesRepository) {}

  handlers(): Record<string, IntegrationEventHandler> {
    const apply: IntegrationEventHandler = async (event, { manager }) => {
      const caseId = (event.data as { caseId: string }).caseId;
      const current = await this.knownCases.find(caseId, manager, true);
      const next = evolveKnownCase(current, event);
      if (next && next !== current) await this.knownCases.save(manager, next);
    };
    return Object.fromEntries(knownCaseEventTypes.map((type) => [type, apply]));
  }
}
