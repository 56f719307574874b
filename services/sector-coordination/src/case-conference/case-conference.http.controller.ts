import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Access, assertTenant, eventMetadataFrom, idempotencyKeyFrom } from '@sagsspor/platform';
import type { Request } from 'express';
import { caseUnknown } from '../known-cases/domain/known-case';
import { FindKnownCaseQuery } from '../known-cases/known-cases.query';
import { ExecuteCaseConferenceCommand } from './case-conference.command-handler';
import { CaseConferenceResponse, HoldCaseConferenceRequest } from './case-conference.request.dto';

@ApiTags('case conferences')
@Controller('v1/case-conferences')
export class CaseConferenceHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Access({ boernehus: 'resource', admin: 'any' })
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a case conference (sagssamråd) held in a case',
    description:
      'The first conference of a case is the coordinating one (it opens the coordination); follow-up conferences come after it; a concluding one ends it. ' +
      'Participants: each sector at most once, the børnehus attending or by phone.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the conferenceId already makes a retry change nothing' })
  @ApiCreatedResponse({ type: CaseConferenceResponse, description: 'Recorded (or already recorded with the same content)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiNotFoundResponse({ description: "CASE.UNKNOWN: the case is not known here (yet: a case just opened may take a moment to arrive), or it is another house's" })
  @ApiUnprocessableEntityResponse({ description: "heldAt outside the case's open period, in the future, or before the conference it follows; participants break a rule" })
  @ApiConflictResponse({ description: 'The kind is not allowed now (no coordinating conference yet, a second coordinating one, anything after the concluding one) or the conferenceId is used with other content' })
  async hold(@Body() body: HoldCaseConferenceRequest, @Req() request: Request): Promise<CaseConferenceResponse> {
    const knownCase = await this.queryBus.execute(new FindKnownCaseQuery(body.caseId));
    // An unknown case is 404 for house staff here; for admin the decider says so.
    assertTenant(request, { houseCode: knownCase?.houseCode }, () => caseUnknown(body.caseId));
    const conference = { conferenceId: body.conferenceId, caseId: body.caseId, kind: body.kind, heldAt: body.heldAt, participants: body.participants.map(({ sector, mode }) => ({ sector, mode })) };
    return this.commandBus.execute(
      new ExecuteCaseConferenceCommand({ type: 'HoldCaseConference', data: { conference } }, { metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, 'case-conference') }),
    );
  }
}
