export * from './topics';
export * from './integration-event';
export * from './catalog';
export * from './events/referrals.events';
export * from './events/case-lifecycle.events';
export * from './events/sector-coordination.events';
export * from './inbound/police-video-interview.message';
export * from './vocabulary';
