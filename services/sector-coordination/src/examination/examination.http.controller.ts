import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Clock } from '@sagsspor/domain';
import { PostgresEventStore } from '@sagsspor/event-store';
import { Access, assertTenant, CLOCK, eventMetadataFrom, idempotencyKeyFrom } from '@sagsspor/platform';
import type { Request } from 'express';
import { caseUnknown } from '../known-cases/domain/known-case';
import { KnownCasesRepository } from '../known-cases/known-cases.repository';
import { examinationDecider } from './examination.decider';
import { examinationStreamId } from './examination.events';
import { ExaminationResponse, RecordExaminationRequest } from './examination.request.dto';

@ApiTags('examinations')
@Controller('v1/examinations')
export class ExaminationHttpController {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly knownCases: KnownCasesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Access({ boernehus: 'resource', admin: 'any' })
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the examinationId already makes a retry change nothing' })
  @ApiCreatedResponse({ type: ExaminationResponse, description: 'Recorded (or already recorded with the same content)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiNotFoundResponse({ description: 'CASE.UNKNOWN: the case is not known here (yet: a case just opened may take a moment to arrive), or it is another house\'s' })
  @ApiUnprocessableEntityResponse({ description: "performedAt is in the future or outside the case's open period" })
  @ApiConflictResponse({ description: 'EXAMINATION.ID_IN_USE: the examinationId was already used with other content' })
  async record(@Body() body: RecordExaminationRequest, @Req() request: Request): Promise<ExaminationResponse> {
    const knownCase = await this.knownCases.find(body.caseId);
    // An unknown case is 404 for house staff here; for admin the decider says so.
    assertTenant(request, { houseCode: knownCase?.houseCode }, () => caseUnknown(body.caseId));
    const examination = { examinationId: body.examinationId, caseId: body.caseId, kind: body.kind, performedAt: body.performedAt };
    const { response } = await this.eventStore.handle(
      examinationDecider,
      examinationStreamId(body.examinationId),
      { type: 'RecordExamination', data: { examination, knownCase } },
      {
        now: this.clock(),
        metadata: eventMetadataFrom(request),
        idempotencyKey: idempotencyKeyFrom(request, 'examination'),
        request: examination,
        respond: ({ state }) => {
          if (state.status !== 'performed') throw new Error('a handled examination command leaves a performed examination');
          const { examinationId, caseId, kind, performedAt } = state.facts;
          return { examinationId, caseId, kind, performedAt };
        },
      },
    );
    return response;
  }
}
