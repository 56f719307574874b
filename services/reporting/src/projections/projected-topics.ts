import { Topics } from '@sagsspor/contracts';

/** The reporting service's consumer of the integration topics; its group is `sagsspor-reporting-projections`. */
export const liveConsumerName = 'projections';
export const projectedTopics = [Topics.referralsEvents, Topics.caseLifecycleEvents, Topics.sectorCoordinationEvents];
