import { createHash } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { HouseCode } from '@sagsspor/contracts';
import { DomainError, PostgresEventStore } from '@sagsspor/event-store';
import { Access, assertTenant, eventMetadataFrom, idempotencyKeyFrom, SERVICE_CONFIG, type ServiceConfig } from '@sagsspor/platform';
import { findMunicipality } from '@sagsspor/reference-data';
import type { Request } from 'express';
import { childIdentityFromCpr } from '@sagsspor/child-identity';
import type { ReferralCommand } from './referral.commands';
import { referralDecider, type ReferralState } from './referral.decider';
import { referralStreamId } from './referral.events';
import { AcceptReferralRequest, ReferralResponse, SubmitReferralRequest } from './referral.request.dto';

/**
 * The case id a referral's acceptance opens: derived from the referral id, so a retried acceptance
 * (with or without an Idempotency-Key) is the same command and names the same case.
 */
export function caseIdForReferral(referralId: string): string {
  const h = createHash('sha256').update(`sagsspor-case:${referralId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function toResponse(state: ReferralState): ReferralResponse {
  if (state.status === 'none') throw new Error('no referral');
  const { childBirthDate: _b, childSex: _s, underretningId: _u, caseKind: _k, ...facts } = state.facts;
  return state.status === 'accepted' ? { ...facts, status: 'accepted', caseId: state.caseId, acceptedAt: state.acceptedAt } : { ...facts, status: 'submitted' };
}

@ApiTags('referrals')
@Controller('v1/referrals')
export class ReferralHttpController {
  constructor(
    private readonly eventStore: PostgresEventStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: ReferralResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiConflictResponse({ description: 'The id was already used for another referral' })
  submit(@Body() body: SubmitReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    const { childCpr, houseCode, caseKind, ...rest } = body;
    const child = childIdentityFromCpr(childCpr, this.config.childRefSecret);
    const routedHouse = (houseCode ?? findMunicipality(body.municipalityCode)!.defaultHouse) as HouseCode;
    return this.execute(body.referralId, { type: 'SubmitReferral', data: { ...rest, ...child, houseCode: routedHouse, caseKind: caseKind ?? 'abuse' } }, request, idempotencyKeyFrom(request, `referral:${body.municipalityCode}`, body.referralId));
  }

  @Post(':referralId/accept')
  @Access({ boernehus: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReferralResponse, description: 'Accepted; `caseId` is the børnehus case opened in case-lifecycle' })
  @ApiNotFoundResponse({ description: 'No such referral' })
  async accept(@Param('referralId') referralId: string, @Body() body: AcceptReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    await this.checkTenant(referralId, request);
    return this.execute(referralId, { type: 'AcceptReferral', data: { referralId, acceptedAt: body.acceptedAt, caseId: caseIdForReferral(referralId) } }, request, idempotencyKeyFrom(request, `referral-accept:${referralId}`));
  }

  @Get(':referralId')
  @Access({ municipality: 'resource', boernehus: 'resource', admin: 'any' })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: 'No such referral' })
  async get(@Param('referralId') referralId: string, @Req() request: Request): Promise<ReferralResponse> {
    return toResponse(await this.checkTenant(referralId, request));
  }

  private async checkTenant(referralId: string, request: Request): Promise<ReferralState> {
    const notFound = () => new DomainError('REFERRAL.NOT_FOUND', `there is no referral ${referralId}`, 'not-found');
    const { state } = await this.eventStore.readState(referralDecider, referralStreamId(referralId));
    if (state.status === 'none') throw notFound();
    assertTenant(request, { municipalityCode: state.facts.municipalityCode, houseCode: state.facts.houseCode }, notFound);
    return state;
  }

  private async execute(referralId: string, command: ReferralCommand, request: Request, idempotencyKey?: string): Promise<ReferralResponse> {
    const { response } = await this.eventStore.handle(referralDecider, referralStreamId(referralId), command, {
      now: new Date(),
      metadata: eventMetadataFrom(request),
      idempotencyKey,
      respond: ({ state }) => toResponse(state),
    });
    return response;
  }
}
