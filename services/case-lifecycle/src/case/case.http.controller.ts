import { Controller, Get, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { Access, assertTenant } from '@sagsspor/platform';
import type { Request } from 'express';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, PostgresEventStore } from '@sagsspor/event-store';
import { caseDecider } from './case.decider';
import { caseStreamId } from './case.events';
import { CaseResponse } from './case.response.dto';

@ApiTags('cases')
@Controller('v1/cases')
export class CaseHttpController {
  constructor(private readonly eventStore: PostgresEventStore) {}

  @Get(':caseId')
  @Access({ boernehus: 'resource', municipality: 'resource', ops: 'resource', admin: 'any' })
  @ApiOkResponse({ type: CaseResponse })
  @ApiNotFoundResponse({ description: 'No such case' })
  async get(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Req() request: Request): Promise<CaseResponse> {
    const notFound = () => new DomainError('CASE.NOT_FOUND', `there is no case ${caseId}`, 'not-found');
    const { state } = await this.eventStore.readState(caseDecider, caseStreamId(caseId));
    if (state.status === 'none') throw notFound();
    assertTenant(request, { municipalityCode: state.intake.municipalityCode, houseCode: state.intake.houseCode }, notFound);
    return { ...state.intake, status: state.status };
  }
}
