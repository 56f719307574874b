import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { type Clock, DomainError } from '@sagsspor/domain';
import { ChildVault, childIdentityFromCpr } from '@sagsspor/child-identity';
import { PostgresEventStore } from '@sagsspor/event-store';
import { Access, assertTenant, CLOCK, idempotencyKeyFrom, SERVICE_CONFIG, type ServiceConfig } from '@sagsspor/platform';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { metadataOf } from '../event-metadata';
import { inTransaction } from '../transactions';
import type { RecordConsultation } from './consultation.commands';
import { consultationDecider } from './consultation.decider';
import { consultationStreamId } from './consultation.events';
import { RecordConsultationRequest } from './consultation.request.dto';
import { ConsultationResponse, consultationResponseOf } from './consultation.response.dto';

@ApiTags('consultations')
@Controller('v1/consultations')
export class ConsultationHttpController {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly vault: ChildVault,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, boernehus: { in: 'body', field: 'houseCode' }, admin: 'any' })
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; without it the consultationId makes the request idempotent' })
  @ApiCreatedResponse({ type: ConsultationResponse, description: 'Recorded (or already: a retry answers the same)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({ description: 'The CPR has no real birth date, the child is not 0-17 on askedAt, or askedAt is in the future' })
  @ApiConflictResponse({ description: '`CONSULTATION.ID_IN_USE`: the id was already used for another inquiry' })
  async record(@Body() body: RecordConsultationRequest, @Req() request: Request): Promise<ConsultationResponse> {
    const { childCpr, consultationId, houseCode, municipalityCode, askedAt, outcome } = body;
    const child = childCpr === undefined ? undefined : childIdentityFromCpr(childCpr, this.config.childRefSecret);
    const command: RecordConsultation = { type: 'RecordConsultation', data: { consultationId, houseCode, municipalityCode, askedAt, outcome, ...(child ? { child } : {}) } };
    const now = this.clock();
    return inTransaction(this.dataSource, async (manager) => {
      const { response } = await this.eventStore.handle(consultationDecider, consultationStreamId(consultationId), command, {
        manager,
        now,
        metadata: metadataOf(request),
        idempotencyKey: idempotencyKeyFrom(request, 'consultation', consultationId),
        respond: ({ state }) => {
          if (state.status !== 'recorded') throw new Error('a consultation command left no consultation');
          return consultationResponseOf(state);
        },
      });
      if (child && childCpr) await this.vault.store(manager, child.childRef, childCpr);
      return response;
    });
  }

  @Get(':consultationId')
  @Access({ municipality: 'resource', boernehus: 'resource', admin: 'any' })
  @ApiOkResponse({ type: ConsultationResponse })
  @ApiNotFoundResponse({ description: 'No such inquiry (of your municipality or house)' })
  async get(@Param('consultationId') consultationId: string, @Req() request: Request): Promise<ConsultationResponse> {
    const notFound = () => new DomainError('CONSULTATION.NOT_FOUND', `there is no consultation ${consultationId}`, 'not-found');
    const { state } = await this.eventStore.readState(consultationDecider, consultationStreamId(consultationId));
    if (state.status !== 'recorded') throw notFound();
    assertTenant(request, { municipalityCode: state.facts.municipalityCode, houseCode: state.facts.houseCode }, notFound);
    return consultationResponseOf(state);
  }
}
