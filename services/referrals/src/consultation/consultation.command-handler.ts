import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChildRegistry } from '@sagsspor/child-identity';
import type { ChildIdentity } from '@sagsspor/domain';
import { type Aggregate, CommandPipeline, type EventMetadata } from '@sagsspor/event-store';
import { type Clock, withoutBirthDate } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
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
    private readonly registry: ChildRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request: { childCpr, data }, context }: ExecuteConsultationCommand): Promise<ConsultationResponse> {
    if (childCpr === undefined) return this.record(data, undefined, context);
    return this.registry.withChild(childCpr, 'childCpr', (child) => this.record(data, child, context));
  }

  private async record(data: ConsultationRequest['data'], child: ChildIdentity | undefined, context: ExecuteConsultationCommand['context']): Promise<ConsultationResponse> {
    const command: ConsultationCommand = { type: 'RecordConsultation', data: { ...data, ...(child ? { child } : {}) } };
    const { response } = await this.pipeline.run(this.aggregate, consultationStreamId(data.consultationId), command, {
      now: this.clock(),
      metadata: context.metadata,
      idempotencyKey: context.idempotencyKey,
      request: withoutBirthDate(command),
      respond: ({ state }) => {
        if (state.status !== 'recorded') throw new Error('a consultation command left no consultation');
        return consultationResponseOf(state);
      },
    });
    return response;
  }
}
