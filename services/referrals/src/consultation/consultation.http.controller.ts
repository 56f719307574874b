import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Access, assertTenant, eventMetadataFrom, idempotencyKeyFrom } from '@sagsspor/platform';
import type { Request } from 'express';
import { ExecuteConsultationCommand } from './consultation.command-handler';
import { consultationNotFound, GetConsultation } from './consultation.query';
import { ConsultationPath, RecordConsultationRequest } from './consultation.request.dto';
import { ConsultationResponse } from './consultation.response.dto';

@ApiTags('consultations')
@Controller('v1/consultations')
export class ConsultationHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, boernehus: { in: 'body', field: 'houseCode' }, admin: 'any' })
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; without it the consultationId makes the request idempotent' })
  @ApiCreatedResponse({ type: ConsultationResponse, description: 'Recorded (or already: a retry answers the same)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({ description: 'The CPR has no real birth date, the child is not 0-17 on askedAt, or askedAt is in the future' })
  @ApiConflictResponse({ description: '`CONSULTATION.ID_IN_USE`: the id was already used for another inquiry' })
  record(@Body() body: RecordConsultationRequest, @Req() request: Request): Promise<ConsultationResponse> {
    const { childCpr, consultationId, houseCode, municipalityCode, askedAt, outcome } = body;
    const command = new ExecuteConsultationCommand(
      { type: 'RecordConsultation', ...(childCpr === undefined ? {} : { childCpr }), data: { consultationId, houseCode, municipalityCode, askedAt, outcome } },
      { metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, 'consultation', consultationId) },
    );
    return this.commandBus.execute(command);
  }

  @Get(':consultationId')
  @Access({ municipality: 'resource', boernehus: 'resource', admin: 'any' })
  @ApiOkResponse({ type: ConsultationResponse })
  @ApiNotFoundResponse({ description: 'No such inquiry (of your municipality or house)' })
  get(@Param() { consultationId }: ConsultationPath, @Req() request: Request): Promise<ConsultationResponse> {
    const checkOwner = (owner: { municipalityCode: string; houseCode: string }) => assertTenant(request, owner, () => consultationNotFound(consultationId));
    return this.queryBus.execute(new GetConsultation(consultationId, checkOwner));
  }
}
