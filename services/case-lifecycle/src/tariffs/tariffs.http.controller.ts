import { Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Access, Caller, CLOCK, validationProblem } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { TariffYears } from './tariff-years.service';
import { TariffEntryRequest, TariffListPipe, TariffResponse, TariffsQuery, TariffYearResponse } from './tariffs.request.dto';
import { TariffsRepository } from './tariffs.repository';

function yearFrom(raw: string): number {
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw) || year < 2013 || year > 2100) throw validationProblem([{ field: 'year', message: 'year must be a year from 2013 to 2100' }]);
  return year;
}

@ApiTags('reference data')
@Controller('v1/reference/tariffs')
export class TariffsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tariffs: TariffsRepository,
    private readonly years: TariffYears,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Access({ municipality: 'any', boernehus: 'any', ops: 'any', admin: 'any' })
  @ApiOkResponse({ type: [TariffResponse], description: "The houses' tariffs per case, by year" })
  list(@Query() query: TariffsQuery): Promise<TariffResponse[]> {
    return this.tariffs.list(this.dataSource.manager, query.year);
  }

  @Put(':year')
  @Access({ admin: 'any' })
  @ApiBody({ type: [TariffEntryRequest], description: "The year's tariff per house; houses left out keep theirs" })
  @ApiOkResponse({ type: TariffYearResponse, description: 'The tariffs are set; closed cases that waited for them are settled shortly after' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad entry (`[1].dkkPerCase`)' })
  async put(@Param('year') rawYear: string, @Body(new TariffListPipe()) entries: TariffEntryRequest[], @Caller() caller: Principal): Promise<TariffYearResponse> {
    const year = yearFrom(rawYear);
    const { changes, casesToSettle } = await this.dataSource.transaction((manager) =>
      this.years.put(manager, year, entries.map(({ houseCode, dkkPerCase }) => ({ houseCode, dkkPerCase })), 'api', caller.subject, this.clock()),
    );
    return { year, tariffs: await this.tariffs.list(this.dataSource.manager, year), changed: changes, casesToSettle };
  }
}
