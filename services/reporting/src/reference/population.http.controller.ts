import { Controller, Get, Inject, Param, type PipeTransform, Put, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Access, Caller, CLOCK, LAST_YEAR, problem } from '@sagsspor/platform';
import type { Request, Response } from 'express';
import { FIRST_YEAR, today } from '../reports/report-query';
import { ImportPopulationCommand } from './population.command-handler';
import { GetPopulationYear } from './population.query';

const invalidYear = (message: string) => problem(400, 'REPORT.INVALID_PARAMETER', 'The request is invalid', `year: ${message}`, [{ field: 'year', message }]);

/** The year of the path: four digits from FIRST_YEAR to LAST_YEAR (a later bound, this year, is the PUT's). */
const yearPipe: PipeTransform<string, number> = {
  transform: (raw) => {
    if (!/^\d{4}$/.test(raw) || Number(raw) < FIRST_YEAR || Number(raw) > LAST_YEAR) throw invalidYear(`must be a whole year from ${FIRST_YEAR} to ${LAST_YEAR}, e.g. 2017`);
    return Number(raw);
  },
};

@ApiTags('reference data')
@Controller('v1/reference/population')
export class PopulationHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put(':year')
  @Access({ admin: 'any' })
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      "Statistics Denmark's FOLK1A export, exactly as https://api.statbank.dk/v1/data/FOLK1A/CSV?lang=da&OMR%C3%85DE=*&ALDER=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17&Tid=<year>K1 gives it (semicolon-separated, UTF-8, BOM optional). Up to 2 MB.",
    schema: { type: 'string', maxLength: 2 * 1024 * 1024, example: '\uFEFFOMRÅDE;ALDER;TID;INDHOLD\r\nHele landet;0 år;2017K1;61071\r\nKøbenhavn;0 år;2017K1;9961\r\n...' },
  })
  @ApiOkResponse({ description: 'Imported as a new version of the year (or the same file again: the current version, unchanged)' })
  @ApiBadRequestResponse({ description: 'Not a FOLK1A CSV export (columns, separator, body type), or a bad year' })
  @ApiUnprocessableEntityResponse({ description: 'The rows are wrong: another quarter, an unknown municipality, a non-numeric count, missing ages or municipalities. Each problem names its line and column.' })
  async put(@Param('year', yearPipe) year: number, @Req() request: Request, @Res({ passthrough: true }) response: Response, @Caller() caller: Principal) {
    const thisYear = Number(today(this.clock).slice(0, 4));
    if (year < FIRST_YEAR || year > thisYear) throw invalidYear(`must be between ${FIRST_YEAR} and ${thisYear}`);
    if (typeof request.body !== 'string' || !/^text\/(csv|plain)\b/.test(request.headers['content-type'] ?? '')) {
      throw problem(400, 'POPULATION.NOT_CSV', 'The body must be the FOLK1A CSV', 'Send the StatBank CSV export as the body with Content-Type: text/csv');
    }
    const result = await this.commandBus.execute(new ImportPopulationCommand(year, request.body, caller.subject));
    response.status(!result.unchanged && result.version === 1 ? 201 : 200);
    return result;
  }

  @Get(':year')
  @Access({ admin: 'any', ops: 'any' })
  @ApiOkResponse({ description: "The year's current population 0-17 per municipality, and every imported version" })
  @ApiNotFoundResponse({ description: 'No population imported for the year' })
  get(@Param('year', yearPipe) year: number) {
    return this.queryBus.execute(new GetPopulationYear(year));
  }
}
