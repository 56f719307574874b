export * from './cloudevents';
export * from './consumer';
export * from './kafka-config';
export * from './logger';
export * from './relay';
export * from './schema.migration';
export * from './dead-letters';
export * from './cpr-in-messages';
