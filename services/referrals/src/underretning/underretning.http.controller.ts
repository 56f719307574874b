import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse, ApiBadRequestResponse } from '@nestjs/swagger';
import { DomainError, PostgresEventStore } from '@sagsspor/event-store';
import { Access, assertTenant, eventMetadataFrom, idempotencyKeyFrom, SERVICE_CONFIG, type ServiceConfig } from '@sagsspor/platform';
import type { Request } from 'express';
import { childIdentityFromCpr } from '@sagsspor/child-identity';
import { underretningDecider, type UnderretningState } from './underretning.decider';
import { underretningStreamId } from './underretning.events';
import { ReceiveUnderretningRequest, UnderretningResponse } from './underretning.request.dto';

function toResponse(state: UnderretningState): UnderretningResponse {
  if (state.status !== 'received') throw new Error('underretning not received');
  const { childBirthDate: _birthDate, childSex: _sex, ...visible } = state.received;
  return visible;
}

@ApiTags('underretninger')
@Controller('v1/underretninger')
export class UnderretningHttpController {
  constructor(
    private readonly eventStore: PostgresEventStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' })
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; without it the underretningId makes the request idempotent' })
  @ApiCreatedResponse({ type: UnderretningResponse, description: 'Stored (or already stored: a retry answers the same)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({ description: 'The child is not 0-17, the date is in the future, or the CPR has no real birth date' })
  @ApiConflictResponse({ description: 'The id was already used for another underretning' })
  async receive(@Body() body: ReceiveUnderretningRequest, @Req() request: Request): Promise<UnderretningResponse> {
    const { childCpr, ...rest } = body;
    const child = childIdentityFromCpr(childCpr, this.config.childRefSecret);
    const { response } = await this.eventStore.handle(
      underretningDecider,
      underretningStreamId(body.underretningId),
      { type: 'ReceiveUnderretning', data: { ...rest, ...child } },
      {
        now: new Date(),
        metadata: eventMetadataFrom(request),
        idempotencyKey: idempotencyKeyFrom(request, `underretning:${body.municipalityCode}`, body.underretningId),
        respond: ({ state }) => toResponse(state),
      },
    );
    return response;
  }

  @Get(':underretningId')
  @Access({ municipality: 'resource', admin: 'any' })
  @ApiOkResponse({ type: UnderretningResponse })
  @ApiNotFoundResponse({ description: 'No such underretning' })
  async get(@Param('underretningId') underretningId: string, @Req() request: Request): Promise<UnderretningResponse> {
    const notFound = () => new DomainError('UNDERRETNING.NOT_FOUND', `there is no underretning ${underretningId}`, 'not-found');
    const { state, version } = await this.eventStore.readState(underretningDecider, underretningStreamId(underretningId));
    if (version === 0 || state.status !== 'received') throw notFound();
    assertTenant(request, { municipalityCode: state.received.municipalityCode }, notFound);
    return toResponse(state);
  }
}
