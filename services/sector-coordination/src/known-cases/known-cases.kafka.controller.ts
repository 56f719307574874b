import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { IntegrationEventHandler } from '@sagsspor/messaging';
import type { IntegrationEventHandlers } from '@sagsspor/platform';
import { KeepKnownCaseCommand } from './known-cases.command-handler';
import { knownCaseEventTypes } from './known-cases.projection';

/** case-lifecycle's case events → the known_cases row, in the consumer's inbox transaction. */
@Injectable()
export class KnownCasesKafkaController implements IntegrationEventHandlers {
  constructor(private readonly commandBus: CommandBus) {}

  handlers(): Record<string, IntegrationEventHandler> {
    const apply: IntegrationEventHandler = async (event, { manager }) => {
      await this.commandBus.execute(new KeepKnownCaseCommand(event, { manager }));
    };
    return Object.fromEntries(knownCaseEventTypes.map((type) => [type, apply]));
  }
}
