import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChildRegistry } from '@sagsspor/child-identity';
import { type Aggregate, CommandPipeline, type EventMetadata, PostgresEventStore } from '@sagsspor/event-store';
import { type Clock, DomainError, withoutBirthDate } from '@sagsspor/domain';
import { CLOCK, idempotencyKeyWithin, municipalityScopedIds, oneInScope, type TenantScope } from '@sagsspor/platform';
import { watchOnUnderretning } from '../mandatory-referral-watch/mandatory-referral-watch.workflow';
import { SendToMandatoryReferralWatch } from '../mandatory-referral-watch/send-to-mandatory-referral-watch';
import { REFERRALS_SETTINGS, type ReferralsSettings } from '../settings';
import type { DecisionChanges, RecordNotReferredReasons, UnderretningCommand } from './underretning.commands';
import { underretningDecider, type UnderretningState } from './underretning.decider';
import { UNDERRETNING_STREAM_PREFIX, type UnderretningEvent, type UnderretningFacts, underretningStreamId } from './underretning.events';
import { type UnderretningResponse, underretningResponseOf } from './underretning.response.dto';

/** What the doors ask of an underretning; the handler adds the pseudonym and the police-involvement setting in force. */
export type UnderretningRequest =
  | { type: 'ReceiveUnderretning'; childCpr: string; data: Omit<UnderretningFacts, 'childRef' | 'childAgeYears' | 'childSex'>; decisions?: DecisionChanges }
  | { type: 'RecordUnderretningDecisions'; data: { underretningId: string; changes: DecisionChanges } }
  | RecordNotReferredReasons;

export class ExecuteUnderretningCommand extends Command<UnderretningResponse> {
  constructor(
    readonly request: UnderretningRequest,
    readonly context: {
      metadata: EventMetadata;
      idempotencyKey?: string;
      /** Where the id of a recorded decision is looked for, and whether the caller may see what is found (another tenant's is not found). */
      scope?: TenantScope;
    },
  ) {
    super();
  }
}

export const underretningNotFound = (underretningId: string) => new DomainError('UNDERRETNING.NOT_FOUND', `there is no underretning ${underretningId}`, 'not-found');

/** An underretning id is the municipality's own: unique within the municipality only (ADR 0095). */
export const underretningIds = municipalityScopedIds(UNDERRETNING_STREAM_PREFIX);

export type Underretning = Extract<UnderretningState, { status: 'received' }>;

/** The underretning an id in a path names, among those the caller may see (ADR 0095): 404 alike for an unused id and another tenant's. */
export function findUnderretning(eventStore: PostgresEventStore, underretningId: string, scope: TenantScope): Promise<{ streamId: string; resource: Underretning }> {
  return oneInScope({
    ids: underretningIds,
    id: underretningId,
    scope,
    existing: (streamIds) => eventStore.existingStreams(streamIds),
    load: async (streamId) => {
      const { state } = await eventStore.readState(underretningDecider, streamId);
      return state.status === 'received' ? state : undefined;
    },
    tenantOf: (underretning) => underretning.facts,
    notFound: () => underretningNotFound(underretningId),
    ambiguousCode: 'UNDERRETNING.AMBIGUOUS_ID',
    tenantParameter: 'municipality',
  });
}

/**
 * The underretning's command handler: received from a municipality, its decisions recorded. Every
 * command evaluates the mandatory-referral criteria; the reaction sends the evaluations that concern
 * it to the underretning's watch, which decides under the child's lock.
 */
@CommandHandler(ExecuteUnderretningCommand)
export class UnderretningCommandHandler implements ICommandHandler<ExecuteUnderretningCommand> {
  private readonly aggregate: Aggregate<UnderretningState, UnderretningCommand, UnderretningEvent>;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly eventStore: PostgresEventStore,
    private readonly registry: ChildRegistry,
    commandBus: CommandBus,
    @Inject(REFERRALS_SETTINGS) private readonly settings: ReferralsSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.aggregate = { decider: underretningDecider, reactions: [new SendToMandatoryReferralWatch(watchOnUnderretning, commandBus)] };
  }

  async execute({ request, context }: ExecuteUnderretningCommand): Promise<UnderretningResponse> {
    const { policeInvolvement } = this.settings;
    if (request.type === 'ReceiveUnderretning') {
      const { data } = request;
      return this.registry.withChild(request.childCpr, 'childCpr', (child) =>
        this.run({ type: 'ReceiveUnderretning', data: { ...data, ...child }, policeInvolvement, ...(request.decisions ? { decisions: request.decisions } : {}) }, underretningStreamId(data.municipalityCode, data.underretningId), context),
      );
    }
    const { streamId, resource } = await findUnderretning(this.eventStore, request.data.underretningId, context.scope ?? { tenants: underretningIds.tenants, owns: () => true });
    // Why the child was not referred needs no birth date: the reasons are codes and a note.
    if (request.type === 'RecordNotReferredReasons') return this.run(request, streamId, context);
    // The age rule on the decision dates and the age when the criteria are met need the birth date:
    // from the sealed CPR (one round trip), never kept beside the pseudonym; undefined after erasure.
    const childBirthDate = await this.registry.birthDateOf(resource.facts.childRef);
    return this.run({ ...request, policeInvolvement, childBirthDate }, streamId, context);
  }

  private async run(command: UnderretningCommand, streamId: string, context: ExecuteUnderretningCommand['context']): Promise<UnderretningResponse> {
    const { response } = await this.pipeline.run(this.aggregate, streamId, command, {
      now: this.clock(),
      metadata: context.metadata,
      idempotencyKey: idempotencyKeyWithin(streamId, context.idempotencyKey),
      request: withoutBirthDate(command),
      startsStream: command.type === 'ReceiveUnderretning',
      respond: ({ state }) => {
        if (state.status !== 'received') throw new Error('an underretning command left no underretning');
        return underretningResponseOf(state);
      },
    });
    return response;
  }
}
