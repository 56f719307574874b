import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@sagsspor/event-store';
import { mandatoryReferralWatchDecider } from '../mandatory-referral-watch/mandatory-referral-watch.decider';
import { mandatoryReferralWatchStreamId } from '../mandatory-referral-watch/mandatory-referral-watch.events';
import { watchResponseOf } from '../mandatory-referral-watch/mandatory-referral-watch.response.dto';
import { underretningNotFound } from './underretning.command-handler';
import { underretningDecider } from './underretning.decider';
import { underretningStreamId } from './underretning.events';
import { type UnderretningResponse, underretningResponseOf } from './underretning.response.dto';

/** One underretning with its decisions, its latest criteria evaluation and its referral watch, as its municipality sees it. */
export class GetUnderretning extends Query<UnderretningResponse> {
  constructor(
    readonly underretningId: string,
    readonly checkOwner: (owner: { municipalityCode: string }) => void,
  ) {
    super();
  }
}

@QueryHandler(GetUnderretning)
export class GetUnderretningHandler implements IQueryHandler<GetUnderretning> {
  constructor(private readonly eventStore: PostgresEventStore) {}

  async execute({ underretningId, checkOwner }: GetUnderretning): Promise<UnderretningResponse> {
    const { state } = await this.eventStore.readState(underretningDecider, underretningStreamId(underretningId));
    if (state.status !== 'received') throw underretningNotFound(underretningId);
    checkOwner(state.facts);
    const { state: watch } = await this.eventStore.readState(mandatoryReferralWatchDecider, mandatoryReferralWatchStreamId(underretningId));
    const mandatoryReferralWatch = watchResponseOf(watch);
    return { ...underretningResponseOf(state), ...(mandatoryReferralWatch ? { mandatoryReferralWatch } : {}) };
  }
}
