import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChildVault, childIdentityFromCpr } from '@sagsspor/child-identity';
import { type Aggregate, CommandPipeline, type EventMetadata, type WriteFragment } from '@sagsspor/event-store';
import { type Clock, DomainError } from '@sagsspor/domain';
import { CLOCK, SERVICE_CONFIG, type ServiceConfig } from '@sagsspor/platform';
import { watchOnUnderretning } from '../mandatory-referral-watch/mandatory-referral-watch.workflow';
import { SendToMandatoryReferralWatch } from '../mandatory-referral-watch/send-to-mandatory-referral-watch';
import { REFERRALS_SETTINGS, type ReferralsSettings } from '../settings';
import type { DecisionChanges, UnderretningCommand } from './underretning.commands';
import { underretningDecider, type UnderretningState } from './underretning.decider';
import { type UnderretningEvent, type UnderretningFacts, underretningStreamId } from './underretning.events';
import { type UnderretningResponse, underretningResponseOf } from './underretning.response.dto';

/** What the doors ask of an underretning; the handler adds the pseudonym and the police-involvement setting in force. */
export type UnderretningRequest =
  | { type: 'ReceiveUnderretning'; childCpr: string; data: Omit<UnderretningFacts, 'childRef' | 'childBirthDate' | 'childSex'> }
  | { type: 'RecordUnderretningDecisions'; data: { underretningId: string; changes: DecisionChanges } };

export class ExecuteUnderretningCommand extends Command<UnderretningResponse> {
  constructor(
    readonly request: UnderretningRequest,
    readonly context: { metadata: EventMetadata; idempotencyKey?: string; checkOwner?: (owner: { municipalityCode: string }) => void },
  ) {
    super();
  }
}

export const underretningNotFound = (underretningId: string) => new DomainError('UNDERRETNING.NOT_FOUND', `there is no underretning ${underretningId}`, 'not-found');

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
    private readonly vault: ChildVault,
    commandBus: CommandBus,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(REFERRALS_SETTINGS) private readonly settings: ReferralsSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.aggregate = { decider: underretningDecider, reactions: [new SendToMandatoryReferralWatch(watchOnUnderretning, commandBus)] };
  }

  async execute({ request, context }: ExecuteUnderretningCommand): Promise<UnderretningResponse> {
    const { policeInvolvement } = this.settings;
    if (request.type === 'ReceiveUnderretning') {
      const child = childIdentityFromCpr(request.childCpr, this.config.childRefSecret);
      const command: UnderretningCommand = { type: 'ReceiveUnderretning', data: { ...request.data, ...child }, policeInvolvement };
      return this.run(command, context, [this.vault.storing(child.childRef, request.childCpr)]);
    }
    const { underretningId } = request.data;
    const { state } = await this.pipeline.readState(underretningDecider, underretningStreamId(underretningId));
    if (state.status !== 'received') throw underretningNotFound(underretningId);
    context.checkOwner?.(state.facts);
    return this.run({ ...request, policeInvolvement }, context);
  }

  private async run(command: UnderretningCommand, context: ExecuteUnderretningCommand['context'], alsoWrite: WriteFragment[] = []): Promise<UnderretningResponse> {
    const { response } = await this.pipeline.run(this.aggregate, underretningStreamId(command.data.underretningId), command, {
      now: this.clock(),
      metadata: context.metadata,
      idempotencyKey: context.idempotencyKey,
      alsoWrite,
      startsStream: command.type === 'ReceiveUnderretning',
      respond: ({ state }) => {
        if (state.status !== 'received') throw new Error('an underretning command left no underretning');
        return underretningResponseOf(state);
      },
    });
    return response;
  }
}
