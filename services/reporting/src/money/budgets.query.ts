import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { houseCodes } from '@sagsspor/contracts';
import { DataSource } from 'typeorm';
import type { Queryable } from '../projections/projection-store';

export class BudgetResponse {
  @ApiProperty({ enum: houseCodes }) houseCode!: string;
  @ApiProperty({ example: 2022 }) year!: number;
  @ApiProperty({ example: 15209700 }) operatingBudgetDkk!: number;
  @ApiProperty({ type: Number, example: 440, nullable: true }) expectedCases!: number | null;
  @ApiProperty({ type: String, example: 'Budget 2022', nullable: true }) note!: string | null;
  @ApiProperty({ example: 1, description: 'Increases each time the house and year are set; every version is kept' }) version!: number;
  @ApiProperty({ maxLength: 200, example: 'admin-1', description: "The subject of the admin's token" }) setBy!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-25T10:00:00.000Z' }) setAt!: string;
}

export class BudgetYearResponse {
  @ApiProperty({ example: 2022 }) year!: number;
  @ApiProperty({ type: [BudgetResponse], maxItems: houseCodes.length, description: "The current budget of each house that has one for the year" }) budgets!: BudgetResponse[];
  @ApiProperty({ enum: houseCodes, isArray: true, maxItems: houseCodes.length, example: ['nord', 'syd'], description: 'Houses without a budget for the year' }) missing!: string[];
}

type BudgetRow = { house_code: string; year: number; version: number; operating_budget_dkk: string; expected_cases: number | null; note: string | null; set_by: string; set_at: Date };

const budgetOf = (r: BudgetRow): BudgetResponse => ({
  houseCode: r.house_code,
  year: r.year,
  operatingBudgetDkk: Number(r.operating_budget_dkk),
  expectedCases: r.expected_cases,
  note: r.note,
  version: r.version,
  setBy: r.set_by,
  setAt: r.set_at.toISOString(),
});

/** The house's current budget for the year, if it has one. */
export async function currentBudget(q: Queryable, houseCode: string, year: number): Promise<BudgetResponse | undefined> {
  const [row]: BudgetRow[] = await q.query(`SELECT * FROM current_budgets WHERE house_code = $1 AND year = $2`, [houseCode, year]);
  return row ? budgetOf(row) : undefined;
}

/** The houses' current budgets for the year, and the houses without one. */
export async function budgetYear(q: Queryable, year: number): Promise<BudgetYearResponse> {
  const rows: BudgetRow[] = await q.query(`SELECT * FROM current_budgets WHERE year = $1 ORDER BY house_code`, [year]);
  return { year, budgets: rows.map(budgetOf), missing: houseCodes.filter((h) => !rows.some((r) => r.house_code === h)) };
}

/** The houses' current operating budgets for the year. */
export class GetBudgetYear extends Query<BudgetYearResponse> {
  constructor(readonly year: number) {
    super();
  }
}

@QueryHandler(GetBudgetYear)
export class GetBudgetYearHandler implements IQueryHandler<GetBudgetYear> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ year }: GetBudgetYear): Promise<BudgetYearResponse> {
    return budgetYear(this.dataSource, year);
  }
}
