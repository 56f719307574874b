import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { HouseCode } from '@sagsspor/contracts';
import { type Aggregate, CommandPipeline, CommandSchedule, type EventMetadata, type Reaction, type ReactionContext } from '@sagsspor/event-store';
import { decideAll } from '@sagsspor/domain';
import { findMunicipality } from '@sagsspor/reference-data';
import type { EntityManager } from 'typeorm';
import { ReferralRegister } from '../referral/referral-register';
import { REFERRALS_SETTINGS, type ReferralsSettings } from '../settings';
import { lockChild } from '../child-lock';
import type { MandatoryReferralWatchCommand } from './mandatory-referral-watch.commands';
import { mandatoryReferralWatchDecider, type MandatoryReferralWatchState } from './mandatory-referral-watch.decider';
import { type MandatoryReferralWatchEvent, mandatoryReferralWatchStreamId } from './mandatory-referral-watch.events';
import { MandatoryReferralWatches } from './mandatory-referral-watches.repository';
import { REFERRAL_DEADLINE_KIND, referralDeadlines, type WatchInput } from './mandatory-referral-watch.workflow';

const watchStreamOf = (command: MandatoryReferralWatchCommand) => {
  const { underretningId, municipalityCode } = command.type === 'ObserveCriteria' ? command.data.underretning : command.data;
  return mandatoryReferralWatchStreamId(municipalityCode, underretningId);
};

/** The watch's one bus command: what it was told, in the unit of work of the command (or deadline) that told it. */
export class ExecuteMandatoryReferralWatchCommand extends Command<void> {
  constructor(
    readonly input: WatchInput,
    readonly context: { manager: EntityManager; now: Date; metadata: EventMetadata },
  ) {
    super();
  }
}

/** Sets and cancels the watch's durable deadline as `referralDeadlines` decides. */
class ReferralDeadlineReaction implements Reaction<MandatoryReferralWatchState, MandatoryReferralWatchEvent> {
  constructor(private readonly schedule: CommandSchedule) {}

  async react({ state, newEvents }: { state: MandatoryReferralWatchState; newEvents: MandatoryReferralWatchEvent[] }, { manager }: ReactionContext): Promise<void> {
    for (const output of decideAll(referralDeadlines, newEvents, state)) {
      if (output.type === 'set') await this.schedule.schedule(manager, { id: output.id, dueAt: output.dueAt, kind: REFERRAL_DEADLINE_KIND, payload: output.deadline });
      else await this.schedule.cancel(manager, output.id);
    }
  }
}

/**
 * The mandatory-referral watch's command handler. It holds the child's lock (taken here for an
 * evaluation or a firing; a referral's handler takes it before the referral is written) while it
 * decides, so a watch and a referral of the same child never miss each other. It looks up
 * what the decider needs (the child's earliest referral since receipt, the window in force) and
 * runs the watch of each underretning concerned through the pipeline.
 */
@CommandHandler(ExecuteMandatoryReferralWatchCommand)
export class MandatoryReferralWatchCommandHandler implements ICommandHandler<ExecuteMandatoryReferralWatchCommand> {
  private readonly aggregate: Aggregate<MandatoryReferralWatchState, MandatoryReferralWatchCommand, MandatoryReferralWatchEvent>;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly register: ReferralRegister,
    private readonly watches: MandatoryReferralWatches,
    schedule: CommandSchedule,
    @Inject(REFERRALS_SETTINGS) private readonly settings: ReferralsSettings,
  ) {
    this.aggregate = { decider: mandatoryReferralWatchDecider, reactions: [new ReferralDeadlineReaction(schedule), watches] };
  }

  async execute({ input, context }: ExecuteMandatoryReferralWatchCommand): Promise<void> {
    const { manager } = context;
    for (const command of await this.commandsFor(input, manager)) {
      await this.pipeline.run(this.aggregate, watchStreamOf(command), command, {
        ...context,
        respond: () => null,
      });
    }
  }

  private async commandsFor(input: WatchInput, manager: EntityManager): Promise<MandatoryReferralWatchCommand[]> {
    switch (input.type) {
      case 'CriteriaEvaluated': {
        const { underretningId, municipalityCode, childRef, childSex, receivedAt } = input.underretning;
        const { met, metAt, childAgeYears, policeInvolvement } = input.evaluation;
        await lockChild(manager, childRef);
        const referralOnFile = met ? await this.register.earliestReferralSince(manager, childRef, receivedAt) : undefined;
        const houseCode = findMunicipality(municipalityCode)!.defaultHouse as HouseCode;
        return [
          {
            type: 'ObserveCriteria',
            data: {
              underretning: { underretningId, municipalityCode, houseCode, childRef, childSex, receivedAt },
              evaluation: { met, ...(metAt ? { metAt } : {}), ...(childAgeYears === undefined ? {} : { childAgeYears }), policeInvolvement },
              referralWindowDays: this.settings.mandatoryReferralWindowDays,
              ...(referralOnFile ? { referralOnFile } : {}),
            },
          },
        ];
      }
      case 'ReferralSubmitted': {
        await lockChild(manager, input.childRef);
        const watched = await this.watches.openOfChild(manager, input.childRef, input.referral.referredAt);
        return watched.map((underretning) => ({ type: 'RecordReferral', data: { ...underretning, ...input.referral } }));
      }
      case 'DeadlineDue': {
        const { underretningId, municipalityCode, childRef, receivedAt, referralDueBy } = input.deadline;
        await lockChild(manager, childRef);
        const referralOnFile = await this.register.earliestReferralSince(manager, childRef, receivedAt);
        return [{ type: 'FireReferralDeadline', data: { underretningId, municipalityCode, referralDueBy, ...(referralOnFile ? { referralOnFile } : {}) } }];
      }
    }
  }
}
