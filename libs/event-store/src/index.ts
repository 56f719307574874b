export * from './errors';
export * from './event-store';
export * from './schema.migration';
export * from './schedule';
export * from './query-results';
export * from './unit-of-work';
export * from './command-pipeline';
export * from './write-fragment';
