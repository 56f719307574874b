import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Access, assertTenant, eventMetadataFrom, idempotencyKeyFrom } from '@sagsspor/platform';
import type { Request } from 'express';
import { caseUnknown } from '../known-cases/domain/known-case';
import { FindKnownCaseQuery } from '../known-cases/known-cases.query';
import { ExecuteExaminationCommand } from './examination.command-handler';
import { ExaminationResponse, RecordExaminationRequest } from './examination.request.dto';

@ApiTags('examinations')
@Controller('v1/examinations')
export class ExaminationHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
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
    const knownCase = await this.queryBus.execute(new FindKnownCaseQuery(body.caseId));
    // An unknown case is 404 for house staff here; for admin the decider says so.
    assertTenant(request, { houseCode: knownCase?.houseCode }, () => caseUnknown(body.caseId));
    const examination = { examinationId: body.examinationId, caseId: body.caseId, kind: body.kind, performedAt: body.performedAt };
    return this.commandBus.execute(
      new ExecuteExaminationCommand({ type: 'RecordExamination', data: { examination } }, { metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, 'examination') }),
    );
  }
}
