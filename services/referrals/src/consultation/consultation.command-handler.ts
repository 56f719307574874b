import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChildVault, childIdentityFromCpr } from '@sagsspor/child-identity';
import { type Aggregate, CommandPipeline, type EventMetadata } from '@sagsspor/event-store';
import { type Clock } from '@sagsspor/domain';
import { CLOCK, SERVICE_CONFIG, type ServiceConfig } from '@sagsspor/platform';
import type { ConsultationCommand } from './consultation.commands';
import { consultationDecider, type ConsultationState } from './consultation.decider';
import { type ConsultationEvent, type ConsultationFacts, consultationStreamId } from './consultation.events';
import { type ConsultationResponse, consultationResponseOf } from './consultation.response.dto';

/** A consultative inquiry as the doors ask for it: the CPR (optional) becomes the pseudonym here. */
export type ConsultationRequest = { type: 'RecordConsultation'; childCpr?: string; data: Omit<ConsultationFacts, 'child'> };

export class ExecuteConsultationCommand extends Command<ConsultationResponse> {
  constructor(
    readonly request: ConsultationRequest,
    readonly context: { metadata: EventMetadata; idempotencyKey?: string },
  ) {
    super();
  }
}

/** The consultative inquiry's command handler (no reactions: nothing follows from an inquiry). */
@CommandHandler(ExecuteConsultationCommand)
export class ConsultationCommandHandler implements ICommandHandler<ExecuteConsultationCommand> {
  private readonly aggregate: Aggregate<ConsultationState, ConsultationCommand, ConsultationEvent> = { decider: consultationDecider, reactions: [] };

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly vault: ChildVault,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request: { childCpr, data }, context }: ExecuteConsultationCommand): Promise<ConsultationResponse> {
    const child = childCpr === undefined ? undefined : childIdentityFromCpr(childCpr, this.config.childRefSecret);
    const command: ConsultationCommand = { type: 'RecordConsultation', data: { ...data, ...(child ? { child } : {}) } };
    const { response } = await this.pipeline.run(this.aggregate, consultationStreamId(data.consultationId), command, {
      now: this.clock(),
      metadata: context.metadata,
      idempotencyKey: context.idempotencyKey,
      alsoWrite: child && childCpr ? [this.vault.storing(child.childRef, childCpr)] : [],
      respond: ({ state }) => {
        if (state.status !== 'recorded') throw new Error('a consultation command left no consultation');
        return consultationResponseOf(state);
      },
    });
    return response;
  }
}
