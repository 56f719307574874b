import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { inUnitOfWork } from '@sagsspor/event-store';
import { type Clock } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { TariffYears } from './tariff-years.service';
import type { TariffChange, TariffSource } from './tariffs.repository';

/** Puts a year's tariff for the houses listed (the others keep theirs). */
export class PutTariffYearCommand extends Command<{ changes: TariffChange[]; casesToSettle: number }> {
  constructor(
    readonly year: number,
    readonly entries: { houseCode: string; dkkPerCase: number }[],
    readonly source: TariffSource,
    readonly recordedBy: string,
  ) {
    super();
  }
}

/** The tariffs' command path: the year's tariffs and the settlements they let through, in one unit of work. */
@CommandHandler(PutTariffYearCommand)
export class PutTariffYearCommandHandler implements ICommandHandler<PutTariffYearCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly years: TariffYears,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ year, entries, source, recordedBy }: PutTariffYearCommand): Promise<{ changes: TariffChange[]; casesToSettle: number }> {
    return inUnitOfWork(this.dataSource, (manager) => this.years.put(manager, year, entries, source, recordedBy, this.clock()));
  }
}
