import { createHash } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { houseScopeOf } from '@sagsspor/auth';
import { type Clock, DomainError } from '@sagsspor/domain';
import { ChildVault, childIdentityFromCpr } from '@sagsspor/child-identity';
import type { HouseCode } from '@sagsspor/contracts';
import { PostgresEventStore } from '@sagsspor/event-store';
import { Access, assertTenant, Caller, CLOCK, idempotencyKeyFrom, SERVICE_CONFIG, type ServiceConfig, validationProblem } from '@sagsspor/platform';
import type { Principal } from '@sagsspor/auth';
import { findMunicipality } from '@sagsspor/reference-data';
import type { Request } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { metadataOf } from '../event-metadata';
import { MandatoryReferralWatchWorkflow } from '../mandatory-referral-watch/mandatory-referral-watch.workflow';
import { inTransaction, lockChild } from '../transactions';
import { underretningDecider } from '../underretning/underretning.decider';
import { underretningStreamId } from '../underretning/underretning.events';
import { listReferrals, recordInRegister } from './referral-register';
import type { LinkedUnderretning, ReferralCommand } from './referral.commands';
import { referralDecider, type ReferralState } from './referral.decider';
import { type ReferralFacts, referralStreamId } from './referral.events';
import { AcceptReferralRequest, ListReferralsQuery, RejectReferralRequest, SubmitReferralRequest, WithdrawReferralRequest } from './referral.request.dto';
import { ReferralListResponse, ReferralResponse, referralResponseOf } from './referral.response.dto';

/**
 * The case id a referral's acceptance opens: derived from the referral id, so a retried acceptance
 * (with or without an Idempotency-Key) is the same command and names the same case.
 */
export function caseIdForReferral(referralId: string): string {
  const h = createHash('sha256').update(`sagsspor-case:${referralId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const notFound = (referralId: string) => () => new DomainError('REFERRAL.NOT_FOUND', `there is no referral ${referralId}`, 'not-found');
type Referral = Exclude<ReferralState, { status: 'none' }>;

const encodeCursor = (item: { referredAt: string; referralId: string }) => Buffer.from(JSON.stringify([item.referredAt, item.referralId])).toString('base64url');
function decodeCursor(cursor: string): { referredAt: string; referralId: string } {
  try {
    const [referredAt, referralId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof referredAt === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(referredAt) && typeof referralId === 'string') return { referredAt, referralId };
  } catch {
    // answered below
  }
  throw validationProblem([{ field: 'cursor', message: 'cursor must be the nextCursor of a previous page' }]);
}

@ApiTags('referrals')
@Controller('v1/referrals')
export class ReferralHttpController {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly vault: ChildVault,
    private readonly watch: MandatoryReferralWatchWorkflow,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' })
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; without it the referralId makes the request idempotent' })
  @ApiCreatedResponse({ type: ReferralResponse, description: 'Submitted to the house (or already: a retry answers the same). Closes any mandatory-referral gap of the child.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({
    description: 'The CPR has no real birth date; the child is not 0-17 on referredAt; a date in the future or aware after referred; underretningId names no underretning of yours about this child',
  })
  @ApiConflictResponse({ description: '`REFERRAL.ID_IN_USE`: the id was already used for another referral' })
  async submit(@Body() body: SubmitReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    const child = childIdentityFromCpr(body.childCpr, this.config.childRefSecret);
    const facts: ReferralFacts = {
      referralId: body.referralId,
      municipalityCode: body.municipalityCode,
      houseCode: body.houseCode ?? (findMunicipality(body.municipalityCode)!.defaultHouse as HouseCode),
      ...child,
      referredAt: body.referredAt,
      municipalityAwareAt: body.municipalityAwareAt,
      abuseTypes: body.abuseTypes,
      caseKind: body.caseKind ?? 'abuse',
      ...(body.underretningId === undefined ? {} : { underretningId: body.underretningId }),
    };
    const now = this.clock();
    const metadata = metadataOf(request);
    return inTransaction(this.dataSource, async (manager) => {
      await lockChild(manager, child.childRef);
      const linkedUnderretning = facts.underretningId === undefined ? undefined : await this.linkedUnderretning(manager, facts.underretningId);
      const command: ReferralCommand = { type: 'SubmitReferral', data: facts, ...(linkedUnderretning ? { linkedUnderretning } : {}) };
      const { response, submitted } = await this.decide(manager, request, command, now, idempotencyKeyFrom(request, `referral:${facts.municipalityCode}`, facts.referralId));
      await this.vault.store(manager, child.childRef, body.childCpr);
      if (submitted) await this.watch.referralSubmitted(manager, child.childRef, { referralId: facts.referralId, referredAt: facts.referredAt }, now, metadata);
      return response;
    });
  }

  @Post(':referralId/accept')
  @Access({ boernehus: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the same acceptance again changes nothing anyway' })
  @ApiOkResponse({ type: ReferralResponse, description: 'Accepted; `caseId` is the børnehus case this opens in case-lifecycle. The same acceptance again answers the same.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({ description: 'acceptedAt is before referredAt or in the future' })
  @ApiNotFoundResponse({ description: 'No such referral (at your house)' })
  @ApiConflictResponse({ description: 'Only a submitted referral can be accepted: the answer names its current status (`REFERRAL.ALREADY_REJECTED`, ...)' })
  accept(@Param('referralId') referralId: string, @Body() body: AcceptReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    const command: ReferralCommand = { type: 'AcceptReferral', data: { referralId, acceptedAt: body.acceptedAt, caseId: caseIdForReferral(referralId) } };
    return this.transition(referralId, command, request, 'referral-accept');
  }

  @Post(':referralId/reject')
  @Access({ boernehus: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the same rejection again changes nothing anyway' })
  @ApiOkResponse({ type: ReferralResponse, description: 'Rejected with a reason code (the note stays in this service)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field (a note with a CPR number is refused)' })
  @ApiUnprocessableEntityResponse({ description: 'rejectedAt is before referredAt or in the future' })
  @ApiNotFoundResponse({ description: 'No such referral (at your house)' })
  @ApiConflictResponse({ description: 'Only a submitted referral can be rejected: the answer names its current status' })
  reject(@Param('referralId') referralId: string, @Body() body: RejectReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    const command: ReferralCommand = {
      type: 'RejectReferral',
      data: { referralId, rejectedAt: body.rejectedAt, reason: body.reason, ...(body.note === undefined ? {} : { note: body.note }) },
    };
    return this.transition(referralId, command, request, 'referral-reject');
  }

  @Post(':referralId/withdraw')
  @Access({ municipality: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the same withdrawal again changes nothing anyway' })
  @ApiOkResponse({ type: ReferralResponse, description: 'Withdrawn by the municipality' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({ description: 'withdrawnAt is before referredAt or in the future' })
  @ApiNotFoundResponse({ description: 'No such referral (of yours)' })
  @ApiConflictResponse({ description: 'Only a submitted referral can be withdrawn: the answer names its current status' })
  withdraw(@Param('referralId') referralId: string, @Body() body: WithdrawReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    const command: ReferralCommand = { type: 'WithdrawReferral', data: { referralId, withdrawnAt: body.withdrawnAt, reason: body.reason } };
    return this.transition(referralId, command, request, 'referral-withdraw');
  }

  @Get()
  @Access({ boernehus: { in: 'query', field: 'house', optional: true }, ops: { in: 'query', field: 'house', optional: true }, admin: 'any' })
  @ApiOkResponse({ type: ReferralListResponse, description: "A page of referrals, oldest first. House staff see their own house's." })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad parameter' })
  async list(@Query() query: ListReferralsQuery, @Caller() caller: Principal): Promise<ReferralListResponse> {
    const limit = query.limit ?? 50;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const rows = await listReferrals(this.dataSource.manager, { houseCode: houseScopeOf(caller, query.house), status: query.status, after, limit: limit + 1 });
    const items = rows.slice(0, limit);
    return { items, ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}) };
  }

  @Get(':referralId')
  @Access({ municipality: 'resource', boernehus: 'resource', ops: 'resource', admin: 'any' })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: 'No such referral (of your municipality or house)' })
  async get(@Param('referralId') referralId: string, @Req() request: Request): Promise<ReferralResponse> {
    return referralResponseOf(await this.loadOwn(this.dataSource.manager, referralId, request));
  }

  private async transition(referralId: string, command: ReferralCommand, request: Request, scope: string): Promise<ReferralResponse> {
    const now = this.clock();
    return inTransaction(this.dataSource, async (manager) => {
      await this.loadOwn(manager, referralId, request);
      const { response } = await this.decide(manager, request, command, now, idempotencyKeyFrom(request, `${scope}:${referralId}`));
      return response;
    });
  }

  /** Decides in the caller's transaction and keeps the referral register in step. */
  private async decide(manager: EntityManager, request: Request, command: ReferralCommand, now: Date, idempotencyKey?: string): Promise<{ response: ReferralResponse; submitted: boolean }> {
    let changed: Referral | undefined;
    let submitted = false;
    const { response } = await this.eventStore.handle(referralDecider, referralStreamId(command.data.referralId), command, {
      manager,
      now,
      metadata: metadataOf(request),
      idempotencyKey,
      respond: ({ state, newEvents }) => {
        if (state.status === 'none') throw new Error('a referral command left no referral');
        if (newEvents.length > 0) changed = state;
        submitted = newEvents.some((e) => e.type === 'ReferralSubmitted');
        return referralResponseOf(state);
      },
    });
    if (changed) await recordInRegister(manager, changed);
    return { response, submitted };
  }

  private async loadOwn(manager: EntityManager, referralId: string, request: Request): Promise<Referral> {
    const { state } = await this.eventStore.readState(referralDecider, referralStreamId(referralId), manager);
    if (state.status === 'none') throw notFound(referralId)();
    assertTenant(request, { municipalityCode: state.facts.municipalityCode, houseCode: state.facts.houseCode }, notFound(referralId));
    return state;
  }

  private async linkedUnderretning(manager: EntityManager, underretningId: string): Promise<LinkedUnderretning | undefined> {
    const { state } = await this.eventStore.readState(underretningDecider, underretningStreamId(underretningId), manager);
    return state.status === 'received' ? { childRef: state.facts.childRef, municipalityCode: state.facts.municipalityCode } : undefined;
  }
}
