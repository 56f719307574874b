import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Access, Caller, CLOCK, IsBoundedInt, problem, YearPath } from '@sagsspor/platform';
import type { Request, Response } from 'express';
import { invalidParameter, today } from '../reports/report-query';
import { PublishYearCommand } from './publish.command-handler';
import { GetPublication, ListPublications } from './publications.query';

/** The path of one publication: `/v1/publications/{year}/{number}`. */
export class PublicationPath extends YearPath {
  @IsBoundedInt(1, 10_000, { message: 'number must be a publication number from 1 to 10000' })
  number!: number;
}

/** The POST takes no body: none at all, or an empty JSON object. Anything else is refused rather than ignored. */
function refuseABody(request: Request): void {
  const sent = (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0') || request.headers['transfer-encoding'] !== undefined;
  if (!sent) return;
  const emptyJson = /^application\/json\b/.test(request.headers['content-type'] ?? '') && request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body) && Object.keys(request.body as object).length === 0;
  if (!emptyJson) throw problem(400, 'PUBLICATION.NO_BODY', 'The request takes no body', 'POST /v1/publications/{year} takes no body (or an empty JSON object {}): the tables are computed from what reporting holds', [{ field: '(body)', message: 'must be empty' }]);
}

/** Who reads publications: whoever reads the usage report (they are its published-grade tables). */
const READERS = { ops: 'any', boernehus: 'any', municipality: 'any', admin: 'any' } as const;

@ApiTags('publications')
@Controller('v1/publications')
export class PublicationsHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // Ops is read-only (api.md, libs/auth): publishing is admin's, like the population import and rebuilds.
  @Post(':year')
  @HttpCode(200)
  @Access({ admin: 'any' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; publishing tables that have not changed since the latest publication of the year makes no new one anyway' })
  @ApiCreatedResponse({ description: "The year's usage tables (by municipality, region and house, both bases of expected cases) frozen as its next publication, with the disclosure audit: every hidden cell, why it is hidden, and the interval a reader can work out of it (by linear programming)" })
  @ApiOkResponse({ description: "Nothing has changed since the year's latest publication: that publication, and no new one" })
  @ApiBadRequestResponse({ description: 'A bad year, a year that has not begun, or a body (the request takes none)' })
  @ApiUnprocessableEntityResponse({ description: "The year's population has not been imported; or the disclosure check found a hidden cell a reader could narrow (nothing is published)" })
  async publish(@Param() { year }: YearPath, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    refuseABody(request);
    if (year > Number(today(this.clock).slice(0, 4))) throw invalidParameter('year', `${year} has not begun`);
    const { created, publication } = await this.commandBus.execute(new PublishYearCommand(year, caller.subject));
    if (created) response.status(201);
    const { cells: _cells, ...shown } = publication;
    return shown;
  }

  @Get()
  @Access(READERS)
  @ApiOkResponse({ description: 'Every publication, newest year and number first: when, by whom, against which population version, how many cells it hides, and the publication that corrects it' })
  list() {
    return this.queryBus.execute(new ListPublications());
  }

  @Get(':year/:number')
  @Access(READERS)
  @ApiOkResponse({ description: 'One publication as frozen: its tables and its disclosure audit. `GET /v1/reports/usage?year=&publication=` gives one table of it, as JSON or CSV.' })
  @ApiBadRequestResponse({ description: 'A bad year or number' })
  @ApiNotFoundResponse({ description: 'No such publication' })
  get(@Param() { year, number }: PublicationPath) {
    return this.queryBus.execute(new GetPublication(year, number));
  }
}
