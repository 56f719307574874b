import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@sagsspor/event-store';
import { mandatoryReferralWatchDecider } from '../mandatory-referral-watch/mandatory-referral-watch.decider';
import { mandatoryReferralWatchStreamId } from '../mandatory-referral-watch/mandatory-referral-watch.events';
import { watchResponseOf } from '../mandatory-referral-watch/mandatory-referral-watch.response.dto';
import type { TenantScope } from '@sagsspor/platform';
import { findUnderretning } from './underretning.command-handler';
import { type UnderretningResponse, underretningResponseOf } from './underretning.response.dto';

/** One underretning with its decisions, its latest criteria evaluation and its referral watch, as its municipality sees it. */
export class GetUnderretning extends Query<UnderretningResponse> {
  constructor(
    readonly underretningId: string,
    readonly scope: TenantScope,
  ) {
    super();
  }
}

@QueryHandler(GetUnderretning)
export class GetUnderretningHandler implements IQueryHandler<GetUnderretning> {
  constructor(private readonly eventStore: PostgresEventStore) {}

  async execute({ underretningId, scope }: GetUnderretning): Promise<UnderretningResponse> {
    const { resource: state } = await findUnderretning(this.eventStore, underretningId, scope);
    const { state: watch } = await this.eventStore.readState(mandatoryReferralWatchDecider, mandatoryReferralWatchStreamId(state.facts.municipalityCode, underretningId));
    const mandatoryReferralWatch = watchResponseOf(watch);
    return { ...underretningResponseOf(state), ...(mandatoryReferralWatch ? { mandatoryReferralWatch } : {}) };
  }
}
