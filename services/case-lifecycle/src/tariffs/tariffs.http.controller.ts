import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { houseCodes } from '@sagsspor/contracts';
import type { Principal } from '@sagsspor/auth';
import { Access, Caller, YearPath } from '@sagsspor/platform';
import { PutTariffYearCommand } from './tariffs.command-handler';
import { ListTariffsQuery } from './tariffs.query';
import { TariffEntryRequest, TariffListPipe, TariffResponse, TariffsQuery, TariffYearResponse } from './tariffs.request.dto';

@ApiTags('reference data')
@Controller('v1/reference/tariffs')
export class TariffsHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Access({ municipality: 'any', boernehus: 'any', ops: 'any', admin: 'any' })
  @ApiOkResponse({ type: [TariffResponse], description: "The houses' tariffs per case, by year" })
  list(@Query() query: TariffsQuery): Promise<TariffResponse[]> {
    return this.queryBus.execute(new ListTariffsQuery(query.year));
  }

  @Put(':year')
  @Access({ admin: 'any' })
  @ApiExtraModels(TariffEntryRequest)
  @ApiBody({ schema: { type: 'array', minItems: 1, maxItems: houseCodes.length, items: { $ref: getSchemaPath(TariffEntryRequest) } }, description: "The year's tariff per house; houses left out keep theirs" })
  @ApiOkResponse({ type: TariffYearResponse, description: 'The tariffs are set; closed cases that waited for them are settled shortly after' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad entry (`[1].dkkPerCase`)' })
  async put(@Param() { year }: YearPath, @Body(new TariffListPipe()) entries: TariffEntryRequest[], @Caller() caller: Principal): Promise<TariffYearResponse> {
    const { changes, casesToSettle } = await this.commandBus.execute(
      new PutTariffYearCommand(year, entries.map(({ houseCode, dkkPerCase }) => ({ houseCode, dkkPerCase })), 'api', caller.subject),
    );
    return { year, tariffs: await this.queryBus.execute(new ListTariffsQuery(year)), changed: changes, casesToSettle };
  }
}
