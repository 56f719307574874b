export * from './sealing';
export * from './child-registry';
export * from './schema.migration';
export * from './cpr-transport';
