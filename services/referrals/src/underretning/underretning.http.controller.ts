import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type Clock, DomainError } from '@sagsspor/domain';
import { ChildVault, childIdentityFromCpr } from '@sagsspor/child-identity';
import { PostgresEventStore } from '@sagsspor/event-store';
import { Access, assertTenant, CLOCK, idempotencyKeyFrom, SERVICE_CONFIG, type ServiceConfig, validationProblem } from '@sagsspor/platform';
import type { Request } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { metadataOf } from '../event-metadata';
import { MandatoryReferralWatchWorkflow } from '../mandatory-referral-watch/mandatory-referral-watch.workflow';
import { mandatoryReferralWatchDecider } from '../mandatory-referral-watch/mandatory-referral-watch.decider';
import { mandatoryReferralWatchStreamId } from '../mandatory-referral-watch/mandatory-referral-watch.events';
import { watchResponseOf } from '../mandatory-referral-watch/mandatory-referral-watch.response.dto';
import { REFERRALS_SETTINGS, type ReferralsSettings } from '../settings';
import { inTransaction, lockChild } from '../transactions';
import type { DecisionChanges, UnderretningCommand } from './underretning.commands';
import { underretningDecider, type UnderretningState } from './underretning.decider';
import { decisionFields, type UnderretningEvent, underretningStreamId } from './underretning.events';
import { ReceiveUnderretningRequest, RecordDecisionsRequest } from './underretning.request.dto';
import { UnderretningResponse, underretningResponseOf } from './underretning.response.dto';

const notFound = (underretningId: string) => () => new DomainError('UNDERRETNING.NOT_FOUND', `there is no underretning ${underretningId}`, 'not-found');

@ApiTags('underretninger')
@Controller('v1/underretninger')
export class UnderretningHttpController {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly vault: ChildVault,
    private readonly watch: MandatoryReferralWatchWorkflow,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(REFERRALS_SETTINGS) private readonly settings: ReferralsSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' })
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; without it the underretningId makes the request idempotent' })
  @ApiCreatedResponse({ type: UnderretningResponse, description: 'Stored, and the criteria evaluated (or already stored: a retry answers the same)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field (malformed CPR, unknown municipality, bad date, unknown concern, unknown field)' })
  @ApiUnprocessableEntityResponse({
    description: 'The CPR has no real birth date, the child is not 0-17 on receivedAt (`UNDERRETNING.NOT_A_CHILD`), receivedAt is in the future, or the id was used for another request',
  })
  @ApiConflictResponse({ description: '`UNDERRETNING.ID_IN_USE`: the id was already used for another underretning' })
  async receive(@Body() body: ReceiveUnderretningRequest, @Req() request: Request): Promise<UnderretningResponse> {
    const { childCpr, underretningId, municipalityCode, receivedAt, concerns, source } = body;
    const child = childIdentityFromCpr(childCpr, this.config.childRefSecret);
    const command: UnderretningCommand = {
      type: 'ReceiveUnderretning',
      data: { underretningId, municipalityCode, ...child, receivedAt, concerns, source },
      policeInvolvement: this.settings.policeInvolvement,
    };
    return inTransaction(this.dataSource, async (manager) => {
      await lockChild(manager, child.childRef);
      const response = await this.execute(manager, request, command, idempotencyKeyFrom(request, `underretning:${municipalityCode}`, underretningId));
      await this.vault.store(manager, child.childRef, childCpr);
      return response;
    });
  }

  @Post(':underretningId/decisions')
  @Access({ municipality: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; recording the same dates again changes nothing anyway' })
  @ApiBody({
    type: RecordDecisionsRequest,
    examples: {
      investigationAndPolice: { summary: '§ 20 decided and reported to the police', value: { childInvestigationDecidedAt: '2025-03-06', policeReportedAt: '2025-03-05' } },
      correction: { summary: 'Correct a date', value: { policeReportedAt: '2025-03-04' } },
      withdrawal: { summary: 'Withdraw a date recorded by mistake', value: { hospitalInvolvedAt: null } },
    },
  })
  @ApiOkResponse({ type: UnderretningResponse, description: 'Recorded and the criteria evaluated again; the same dates again change nothing and answer the same' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field, or all five when none is given' })
  @ApiUnprocessableEntityResponse({ description: 'A date is in the future, before receivedAt, or on a day the child is not 0-17; the message names the field' })
  @ApiNotFoundResponse({ description: 'No such underretning (of yours)' })
  async recordDecisions(@Param('underretningId') underretningId: string, @Body() body: RecordDecisionsRequest, @Req() request: Request): Promise<UnderretningResponse> {
    const changes: DecisionChanges = {};
    for (const field of decisionFields) if (body[field] !== undefined) changes[field] = body[field];
    if (Object.keys(changes).length === 0) {
      throw validationProblem(decisionFields.map((field) => ({ field, message: `give at least one of ${decisionFields.join(', ')}` })));
    }
    const command: UnderretningCommand = { type: 'RecordUnderretningDecisions', data: { underretningId, changes }, policeInvolvement: this.settings.policeInvolvement };
    return inTransaction(this.dataSource, async (manager) => {
      const state = await this.loadOwn(manager, underretningId, request);
      await lockChild(manager, state.facts.childRef);
      return this.execute(manager, request, command, idempotencyKeyFrom(request, `underretning-decisions:${underretningId}`));
    });
  }

  @Get(':underretningId')
  @Access({ municipality: 'resource', admin: 'any' })
  @ApiOkResponse({ type: UnderretningResponse, description: 'The underretning, its decisions, the latest criteria evaluation and the referral watch' })
  @ApiNotFoundResponse({ description: 'No such underretning (of yours)' })
  async get(@Param('underretningId') underretningId: string, @Req() request: Request): Promise<UnderretningResponse> {
    const state = await this.loadOwn(this.dataSource.manager, underretningId, request);
    const { state: watch } = await this.eventStore.readState(mandatoryReferralWatchDecider, mandatoryReferralWatchStreamId(underretningId));
    const mandatoryReferralWatch = watchResponseOf(watch);
    return { ...underretningResponseOf(state), ...(mandatoryReferralWatch ? { mandatoryReferralWatch } : {}) };
  }

  private async loadOwn(manager: EntityManager, underretningId: string, request: Request): Promise<Extract<UnderretningState, { status: 'received' }>> {
    const { state } = await this.eventStore.readState(underretningDecider, underretningStreamId(underretningId), manager);
    if (state.status !== 'received') throw notFound(underretningId)();
    assertTenant(request, { municipalityCode: state.facts.municipalityCode }, notFound(underretningId));
    return state;
  }

  /** Decides in the caller's transaction; a new evaluation of the criteria goes on to the mandatory-referral watch. */
  private async execute(manager: EntityManager, request: Request, command: UnderretningCommand, idempotencyKey: string | undefined): Promise<UnderretningResponse> {
    const now = this.clock();
    const metadata = metadataOf(request);
    let recorded: { state: UnderretningState; newEvents: UnderretningEvent[] } | undefined;
    const { response } = await this.eventStore.handle(underretningDecider, underretningStreamId(command.data.underretningId), command, {
      manager,
      now,
      metadata,
      idempotencyKey,
      respond: ({ state, newEvents }) => {
        recorded = { state, newEvents };
        if (state.status !== 'received') throw new Error('an underretning command left no underretning');
        return underretningResponseOf(state);
      },
    });
    const evaluation = recorded?.newEvents.findLast((e) => e.type === 'MandatoryReferralCriteriaEvaluated');
    if (recorded?.state.status === 'received' && evaluation?.type === 'MandatoryReferralCriteriaEvaluated') {
      await this.watch.observeCriteria(manager, recorded.state.facts, evaluation.data, now, metadata);
    }
    return response;
  }
}
