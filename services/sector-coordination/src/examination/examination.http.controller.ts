import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { PostgresEventStore } from '@sagsspor/event-store';
import { Access, eventMetadataFrom, idempotencyKeyFrom } from '@sagsspor/platform';
import type { Request } from 'express';
import { examinationDecider } from './examination.decider';
import { examinationStreamId } from './examination.events';
import { ExaminationResponse, RecordExaminationRequest } from './examination.request.dto';

@ApiTags('examinations')
@Controller('v1/examinations')
export class ExaminationHttpController {
  constructor(private readonly eventStore: PostgresEventStore) {}

  @Post()
  @Access({ boernehus: 'any', admin: 'any' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: ExaminationResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiConflictResponse({ description: 'The id was already used for another examination' })
  async record(@Body() body: RecordExaminationRequest, @Req() request: Request): Promise<ExaminationResponse> {
    const { response } = await this.eventStore.handle(examinationDecider, examinationStreamId(body.examinationId), { type: 'RecordExamination', data: { ...body } }, {
      now: new Date(),
      metadata: eventMetadataFrom(request),
      idempotencyKey: idempotencyKeyFrom(request, 'examination', body.examinationId),
      respond: ({ state }) => (state.status === 'performed' ? state.facts : body),
    });
    return response;
  }
}
