export * from './decider';
export * from './errors';
export * from './event-store';
export * from './schema.migration';
export * from './decider-spec';
export * from './schedule';
export * from './query-results';
