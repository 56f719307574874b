import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { yearOf } from '@sagsspor/calendar';
import { DomainError } from '@sagsspor/domain';
import { PostgresEventStore } from '@sagsspor/event-store';
import { caseDecider } from '../case/case.decider';
import { caseStreamId } from '../case/case.events';
import { ExecuteCaseCommand, SettleClosedCase } from '../case/execute-case-command';
import { TariffsRepository } from '../tariffs/tariffs.repository';

/**
 * Closing (or correcting the closing of) a case settles it at the house's tariff for the year of
 * its closing date. Without a tariff for that year the case stays `closed` until the tariff is put
 * (which settles it then), except a case that was settled already: moving it into a year without a
 * tariff is refused, so that a settled case never silently drops out of the statements.
 */
@CommandHandler(SettleClosedCase)
export class SettleClosedCaseHandler implements ICommandHandler<SettleClosedCase> {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly tariffs: TariffsRepository,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ caseId, options }: SettleClosedCase): Promise<void> {
    const { manager, metadata } = options;
    const { state } = await this.eventStore.readState(caseDecider, caseStreamId(caseId), manager);
    if (state.status !== 'closed' || !state.closure) return;
    const year = yearOf(state.closure.closedAt);
    const { houseCode } = state.intake;
    const dkkPerCase = await this.tariffs.tariffFor(manager, houseCode, year);
    if (dkkPerCase === undefined) {
      if (state.settlement) {
        throw new DomainError(
          'CASE.NO_TARIFF_FOR_YEAR',
          `The case is settled in ${state.settlement.settlementMonth}. Closed in ${year}, it would be settled again at the ${year} tariff of ${houseCode}, which is not set yet: put that tariff first (PUT /v1/reference/tariffs/${year}).`,
        );
      }
      return;
    }
    await this.commandBus.execute(new ExecuteCaseCommand(caseId, { type: 'SettleCase', data: { tariffYear: year, dkkPerCase } }, { manager, metadata }));
  }
}
