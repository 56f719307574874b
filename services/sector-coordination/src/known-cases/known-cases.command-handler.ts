import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IntegrationEvent } from '@sagsspor/contracts';
import type { EntityManager } from 'typeorm';
import { evolveKnownCase } from './known-cases.projection';
import { KnownCasesRepository } from './known-cases.repository';

/** One of case-lifecycle's case events, to fold into the known_cases row, in the consumer's inbox transaction. */
export class KeepKnownCaseCommand extends Command<void> {
  constructor(
    readonly event: Pick<IntegrationEvent, 'type' | 'data'>,
    readonly context: { manager: EntityManager },
  ) {
    super();
  }
}

/** known_cases row = evolveKnownCase(row, event), the row locked so concurrent events of a case apply one after the other. */
@CommandHandler(KeepKnownCaseCommand)
export class KeepKnownCaseHandler implements ICommandHandler<KeepKnownCaseCommand> {
  constructor(private readonly knownCases: KnownCasesRepository) {}

  async execute({ event, context: { manager } }: KeepKnownCaseCommand): Promise<void> {
    const caseId = (event.data as { caseId: string }).caseId;
    const current = await this.knownCases.find(caseId, manager, true);
    const next = evolveKnownCase(current, event);
    if (next && next !== current) await this.knownCases.save(manager, next);
  }
}
