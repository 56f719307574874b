import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChildRegistry } from '@sagsspor/child-identity';
import type { HouseCode } from '@sagsspor/contracts';
import { type Aggregate, CommandPipeline, type EventMetadata, PostgresEventStore } from '@sagsspor/event-store';
import { type Clock, DomainError, withoutBirthDate } from '@sagsspor/domain';
import { CLOCK, idempotencyKeyWithin, municipalityScopedIds, oneInScope, type TenantScope } from '@sagsspor/platform';
import { findMunicipality } from '@sagsspor/reference-data';
import { SendToMandatoryReferralWatch } from '../mandatory-referral-watch/send-to-mandatory-referral-watch';
import { watchOnReferral } from '../mandatory-referral-watch/mandatory-referral-watch.workflow';
import { underretningDecider } from '../underretning/underretning.decider';
import { underretningStreamId } from '../underretning/underretning.events';
import { ReferralRegister } from './referral-register';
import type { AcceptReferral, LinkedUnderretning, ReferralCommand, ReferralSubmission, RejectReferral, WithdrawReferral } from './referral.commands';
import { referralDecider, type ReferralState } from './referral.decider';
import { REFERRAL_STREAM_PREFIX, type ReferralEvent, type ReferralFacts, referralStreamId } from './referral.events';
import { type ReferralResponse, referralResponseOf } from './referral.response.dto';

/**
 * The case id a referral's acceptance opens: derived from the referral's stream (its municipality
 * and id, ADR 0095), so a retried acceptance (with or without an Idempotency-Key) is the same command
 * and names the same case, and two municipalities' referrals with the same id open two cases.
 */
export function caseIdForReferral(municipalityCode: string, referralId: string): string {
  const h = createHash('sha256').update(`sagsspor-case:${referralStreamId(municipalityCode, referralId)}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type Referral = Exclude<ReferralState, { status: 'none' }>;

/** A referral id is the municipality's own: unique within the municipality only (ADR 0095). */
export const referralIds = municipalityScopedIds(REFERRAL_STREAM_PREFIX);

/** What the doors ask of a referral; the handler adds what is looked up (the pseudonym, the default house, the case id). */
export type ReferralRequest =
  | { type: 'SubmitReferral'; childCpr: string; data: Omit<ReferralFacts, 'childRef' | 'childAgeYears' | 'childSex' | 'houseCode'> & { houseCode?: HouseCode } }
  | { type: 'AcceptReferral'; data: Omit<AcceptReferral['data'], 'caseId'> }
  | RejectReferral
  | WithdrawReferral;

export class ExecuteReferralCommand extends Command<ReferralResponse> {
  constructor(
    readonly request: ReferralRequest,
    readonly context: {
      metadata: EventMetadata;
      idempotencyKey?: string;
      /** Where the id of a decision on a referral is looked for, and whether the caller may see what is found (another tenant's is not found). */
      scope?: TenantScope;
    },
  ) {
    super();
  }
}

export const referralNotFound = (referralId: string): DomainError => new DomainError('REFERRAL.NOT_FOUND', `there is no referral ${referralId}`, 'not-found');

/**
 * The referral an id in a path names, among those the caller may see (ADR 0095): 404 alike for
 * an unused id and another tenant's.
 */
export function findReferral(eventStore: PostgresEventStore, referralId: string, scope: TenantScope): Promise<{ streamId: string; resource: Referral }> {
  return oneInScope({
    ids: referralIds,
    id: referralId,
    scope,
    existing: (streamIds) => eventStore.existingStreams(streamIds),
    load: async (streamId) => {
      const { state } = await eventStore.readState(referralDecider, streamId);
      return state.status === 'none' ? undefined : state;
    },
    tenantOf: (referral) => referral.facts,
    notFound: () => referralNotFound(referralId),
    ambiguousCode: 'REFERRAL.AMBIGUOUS_ID',
    tenantParameter: 'municipality',
  });
}

/**
 * The referral's command handler: submitted by a municipality, accepted, rejected or withdrawn. Its
 * reactions keep the referral register in step (in the command's write) and tell the child's
 * mandatory-referral watches of a submitted referral (under the child's lock, in the watch's handler).
 */
@CommandHandler(ExecuteReferralCommand)
export class ReferralCommandHandler implements ICommandHandler<ExecuteReferralCommand> {
  private readonly aggregate: Aggregate<ReferralState, ReferralCommand, ReferralEvent>;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly eventStore: PostgresEventStore,
    private readonly registry: ChildRegistry,
    register: ReferralRegister,
    commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.aggregate = { decider: referralDecider, reactions: [register, new SendToMandatoryReferralWatch(watchOnReferral, commandBus)] };
  }

  async execute({ request, context }: ExecuteReferralCommand): Promise<ReferralResponse> {
    const now = this.clock();
    if (request.type === 'SubmitReferral') {
      const { childCpr, data } = request;
      return this.registry.withChild(childCpr, 'childCpr', async (child) => {
        const facts: ReferralSubmission = { ...data, ...child, houseCode: data.houseCode ?? (findMunicipality(data.municipalityCode)!.defaultHouse as HouseCode) };
        // The underretning a referral names is one of its own municipality's.
        const linkedUnderretning = facts.underretningId === undefined ? undefined : await this.linkedUnderretning(facts.municipalityCode, facts.underretningId);
        const command: ReferralCommand = { type: 'SubmitReferral', data: facts, ...(linkedUnderretning ? { linkedUnderretning } : {}) };
        return this.run(command, referralStreamId(facts.municipalityCode, facts.referralId), now, context);
      });
    }
    const { referralId } = request.data;
    const { streamId, resource: referral } = await findReferral(this.eventStore, referralId, context.scope ?? { tenants: referralIds.tenants, owns: () => true });
    const command: ReferralCommand =
      request.type === 'AcceptReferral' ? { type: 'AcceptReferral', data: { ...request.data, caseId: caseIdForReferral(referral.facts.municipalityCode, referralId) } } : request;
    return this.run(command, streamId, now, context);
  }

  private async run(command: ReferralCommand, streamId: string, now: Date, context: ExecuteReferralCommand['context']): Promise<ReferralResponse> {
    const { response } = await this.pipeline.run(this.aggregate, streamId, command, {
      now,
      metadata: context.metadata,
      idempotencyKey: idempotencyKeyWithin(streamId, context.idempotencyKey),
      request: withoutBirthDate(command),
      startsStream: command.type === 'SubmitReferral',
      respond: ({ state }) => {
        if (state.status === 'none') throw new Error('a referral command left no referral');
        return referralResponseOf(state);
      },
    });
    return response;
  }

  private async linkedUnderretning(municipalityCode: string, underretningId: string): Promise<LinkedUnderretning | undefined> {
    const { state } = await this.pipeline.readState(underretningDecider, underretningStreamId(municipalityCode, underretningId));
    return state.status === 'received' ? { childRef: state.facts.childRef, municipalityCode: state.facts.municipalityCode } : undefined;
  }
}
