import { Body, Controller, Get, Param, type PipeTransform, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import { type HouseCode, houseCodes } from '@sagsspor/contracts';
import { Access, Caller, type FieldProblem, flattenValidationErrors, validationProblem } from '@sagsspor/platform';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, validateSync } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { FIRST_YEAR } from '../reports/report-query';

export class BudgetEntryRequest {
  @ApiProperty({ enum: houseCodes, example: 'midt' })
  @IsIn(houseCodes)
  houseCode!: HouseCode;

  @ApiProperty({ example: 15209700, description: "The house's operating budget (driftsbudget) for the year, whole kroner" })
  @IsInt({ message: 'operatingBudgetDkk must be a whole number of kroner' })
  @Min(1)
  @Max(10_000_000_000)
  operatingBudgetDkk!: number;

  @ApiPropertyOptional({ example: 440, description: 'The expected case count the budget is set against (forventet sagstal); the financing report uses it unless asked for another' })
  @IsOptional()
  @IsInt({ message: 'expectedCases must be a whole number of cases' })
  @Min(1)
  @Max(100_000)
  expectedCases?: number;

  @ApiPropertyOptional({ example: 'Budget 2022, DASSOS 4 November 2021', description: 'Where the figure comes from' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class BudgetResponse {
  @ApiProperty({ enum: houseCodes }) houseCode!: string;
  @ApiProperty({ example: 2022 }) year!: number;
  @ApiProperty({ example: 15209700 }) operatingBudgetDkk!: number;
  @ApiProperty({ type: Number, example: 440, nullable: true }) expectedCases!: number | null;
  @ApiProperty({ type: String, example: 'Budget 2022', nullable: true }) note!: string | null;
  @ApiProperty({ example: 1, description: 'Increases each time the house and year are set; every version is kept' }) version!: number;
  @ApiProperty({ example: 'admin-1' }) setBy!: string;
  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' }) setAt!: string;
}

export class BudgetYearResponse {
  @ApiProperty({ example: 2022 }) year!: number;
  @ApiProperty({ type: [BudgetResponse], description: "The current budget of each house that has one for the year" }) budgets!: BudgetResponse[];
  @ApiProperty({ type: [String], example: ['nord', 'syd'], description: 'Houses without a budget for the year' }) missing!: string[];
}

/** Validates the JSON list a budget PUT sends (the global pipe leaves arrays alone), naming each bad entry. */
export class BudgetListPipe implements PipeTransform<unknown, BudgetEntryRequest[]> {
  transform(value: unknown): BudgetEntryRequest[] {
    if (!Array.isArray(value) || value.length === 0) {
      throw validationProblem([{ field: '(body)', message: 'the body must be a non-empty JSON list of {houseCode, operatingBudgetDkk, expectedCases?}' }]);
    }
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    const entries = value.map((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        problems.push({ field: `[${i}]`, message: 'each entry must be an object {houseCode, operatingBudgetDkk, expectedCases?}' });
        return undefined;
      }
      const entry = plainToInstance(BudgetEntryRequest, item);
      problems.push(...flattenValidationErrors(validateSync(entry, { whitelist: true, forbidNonWhitelisted: true }), `[${i}]`));
      if (entry.houseCode && seen.has(entry.houseCode)) problems.push({ field: `[${i}].houseCode`, message: `houseCode ${entry.houseCode} is listed more than once` });
      seen.add(entry.houseCode);
      return entry;
    });
    if (problems.length > 0) throw validationProblem(problems);
    return entries as BudgetEntryRequest[];
  }
}

export function budgetYearFrom(raw: string): number {
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw) || year < FIRST_YEAR || year > 2100) throw validationProblem([{ field: 'year', message: `year must be a year from ${FIRST_YEAR} to 2100` }]);
  return year;
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

export async function currentBudget(manager: EntityManager, houseCode: string, year: number): Promise<BudgetResponse | undefined> {
  const [row]: BudgetRow[] = await manager.query(`SELECT * FROM current_budgets WHERE house_code = $1 AND year = $2`, [houseCode, year]);
  return row ? budgetOf(row) : undefined;
}

@ApiTags('reference data')
@Controller('v1/reference/budgets')
export class BudgetsHttpController {
  constructor(private readonly dataSource: DataSource) {}

  @Put(':year')
  @Access({ admin: 'any' })
  @ApiBody({ type: [BudgetEntryRequest], description: "The year's operating budget per house (and the expected case count it is set against); houses left out keep theirs" })
  @ApiOkResponse({ type: BudgetYearResponse, description: "The year's budgets after the change; a house whose figures changed gets a new version" })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad entry (`[0].operatingBudgetDkk`), or a bad year' })
  async put(@Param('year') rawYear: string, @Body(new BudgetListPipe()) entries: BudgetEntryRequest[], @Caller() caller: Principal): Promise<BudgetYearResponse> {
    const year = budgetYearFrom(rawYear);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(72014040040000 + $1::int)', [year]);
      for (const entry of entries) {
        const current = await currentBudget(manager, entry.houseCode, year);
        if (current && current.operatingBudgetDkk === entry.operatingBudgetDkk && current.expectedCases === (entry.expectedCases ?? null) && current.note === (entry.note ?? null)) continue;
        await manager.query(
          `INSERT INTO budget_versions (house_code, year, version, operating_budget_dkk, expected_cases, note, set_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [entry.houseCode, year, (current?.version ?? 0) + 1, entry.operatingBudgetDkk, entry.expectedCases ?? null, entry.note ?? null, caller.subject],
        );
      }
    });
    return this.year(year);
  }

  @Get(':year')
  @Access({ ops: 'any', admin: 'any' })
  @ApiOkResponse({ type: BudgetYearResponse, description: "The houses' current operating budgets for the year, and the houses without one" })
  @ApiBadRequestResponse({ description: 'A bad year' })
  get(@Param('year') rawYear: string): Promise<BudgetYearResponse> {
    return this.year(budgetYearFrom(rawYear));
  }

  private async year(year: number): Promise<BudgetYearResponse> {
    const rows: BudgetRow[] = await this.dataSource.query(`SELECT * FROM current_budgets WHERE year = $1 ORDER BY house_code`, [year]);
    return { year, budgets: rows.map(budgetOf), missing: houseCodes.filter((h) => !rows.some((r) => r.house_code === h)) };
  }
}
