import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, foldEvents, PostgresEventStore } from '@sagsspor/event-store';
import { caseDecider } from './case.decider';
import { type CaseEvent, caseStreamId } from './case.events';
import { CaseResponse } from './case.response.dto';

@ApiTags('cases')
@Controller('v1/cases')
export class CaseHttpController {
  constructor(private readonly eventStore: PostgresEventStore) {}

  @Get(':caseId')
  @ApiOkResponse({ type: CaseResponse })
  @ApiNotFoundResponse({ description: 'No such case' })
  async get(@Param('caseId', new ParseUUIDPipe()) caseId: string): Promise<CaseResponse> {
    const events = await this.eventStore.readStream<CaseEvent>(caseStreamId(caseId));
    const state = foldEvents(caseDecider, events.map((e) => ({ type: e.type, data: e.data }) as CaseEvent));
    if (state.status === 'none') throw new DomainError('CASE.NOT_FOUND', `there is no case ${caseId}`, 'not-found');
    return { ...state.intake, status: state.status };
  }
}
