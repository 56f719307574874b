import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
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
  @ApiOkResponse({ type: CaseResponse })
  @ApiNotFoundResponse({ description: 'No such case' })
  async get(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<CaseResponse> {
    const { state } = await this.eventStore.readState(caseDecider, caseStreamId(caseId));
    if (state.status === 'none') throw new DomainError('CASE.NOT_FOUND', `there is no case ${caseId}`, 'not-found');
    return { ...state.intake, status: state.status };
  }
}
