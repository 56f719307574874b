export * from './child-ref';
export * from './child-identity';
export * from './child-vault';
export * from './schema.migration';
export * from './cpr-transport';
