import type { CommandBus } from '@nestjs/cqrs';
import { type CommandOutcome, type Reaction, type ReactionContext } from '@sagsspor/event-store';
import { decideAll, type DomainEvent, type Workflow } from '@sagsspor/domain';
import { ExecuteMandatoryReferralWatchCommand } from './mandatory-referral-watch.command-handler';
import type { WatchInput } from './mandatory-referral-watch.workflow';

/** A reaction of another aggregate (an underretning, a referral): what its workflow tells the watch goes to the watch's command handler, in the same unit of work. */
export class SendToMandatoryReferralWatch<State, Event extends DomainEvent> implements Reaction<State, Event> {
  constructor(
    private readonly workflow: Workflow<State, Event, WatchInput>,
    private readonly commandBus: CommandBus,
  ) {}

  concerns({ state, newEvents }: CommandOutcome<State, Event>): boolean {
    return decideAll(this.workflow, newEvents, state).length > 0;
  }

  async react({ state, newEvents }: CommandOutcome<State, Event>, context: ReactionContext): Promise<void> {
    for (const input of decideAll(this.workflow, newEvents, state)) await this.commandBus.execute(new ExecuteMandatoryReferralWatchCommand(input, context));
  }
}
