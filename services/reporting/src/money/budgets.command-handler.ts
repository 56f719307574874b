import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { inUnitOfWork } from '@sagsspor/event-store';
import { DataSource } from 'typeorm';
import { budgetYear, type BudgetYearResponse, currentBudget } from './budgets.query';

export interface BudgetEntry {
  houseCode: string;
  operatingBudgetDkk: number;
  expectedCases?: number;
  note?: string;
}

/** Sets the year's budget of each house listed (the others keep theirs); answers the year's budgets after. */
export class PutBudgetYearCommand extends Command<BudgetYearResponse> {
  constructor(
    readonly year: number,
    readonly entries: readonly BudgetEntry[],
    readonly setBy: string,
  ) {
    super();
  }
}

/** A house whose figures changed gets a new version; the same figures again change nothing. */
@CommandHandler(PutBudgetYearCommand)
export class PutBudgetYearCommandHandler implements ICommandHandler<PutBudgetYearCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ year, entries, setBy }: PutBudgetYearCommand): Promise<BudgetYearResponse> {
    await inUnitOfWork(this.dataSource, async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(72014040040000 + $1::int)', [year]);
      for (const entry of entries) {
        const current = await currentBudget(manager, entry.houseCode, year);
        if (current && current.operatingBudgetDkk === entry.operatingBudgetDkk && current.expectedCases === (entry.expectedCases ?? null) && current.note === (entry.note ?? null)) continue;
        await manager.query(
          `INSERT INTO budget_versions (house_code, year, version, operating_budget_dkk, expected_cases, note, set_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [entry.houseCode, year, (current?.version ?? 0) + 1, entry.operatingBudgetDkk, entry.expectedCases ?? null, entry.note ?? null, setBy],
        );
      }
    });
    return budgetYear(this.dataSource, year);
  }
}
