import { Body, Controller, Get, Param, type PipeTransform, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import { type HouseCode, houseCodes } from '@sagsspor/contracts';
import { Access, Caller, type FieldProblem, flattenValidationErrors, validationProblem, YearPath } from '@sagsspor/platform';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, validateSync } from 'class-validator';
import { PutBudgetYearCommand } from './budgets.command-handler';
import { BudgetYearResponse, GetBudgetYear } from './budgets.query';

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

@ApiTags('reference data')
@Controller('v1/reference/budgets')
export class BudgetsHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Put(':year')
  @Access({ admin: 'any' })
  @ApiExtraModels(BudgetEntryRequest)
  @ApiBody({ schema: { type: 'array', minItems: 1, maxItems: houseCodes.length, items: { $ref: getSchemaPath(BudgetEntryRequest) } }, description: "The year's operating budget per house (and the expected case count it is set against); houses left out keep theirs" })
  @ApiOkResponse({ type: BudgetYearResponse, description: "The year's budgets after the change; a house whose figures changed gets a new version" })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad entry (`[0].operatingBudgetDkk`), or a bad year' })
  put(@Param() { year }: YearPath, @Body(new BudgetListPipe()) entries: BudgetEntryRequest[], @Caller() caller: Principal): Promise<BudgetYearResponse> {
    return this.commandBus.execute(new PutBudgetYearCommand(year, entries, caller.subject));
  }

  @Get(':year')
  @Access({ ops: 'any', admin: 'any' })
  @ApiOkResponse({ type: BudgetYearResponse, description: "The houses' current operating budgets for the year, and the houses without one" })
  @ApiBadRequestResponse({ description: 'A bad year' })
  get(@Param() { year }: YearPath): Promise<BudgetYearResponse> {
    return this.queryBus.execute(new GetBudgetYear(year));
  }
}
