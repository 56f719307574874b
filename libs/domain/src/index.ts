// The domain kernel: what deciders and other pure domain code build on. No infrastructure here
// (no Nest, TypeORM, kafkajs or pg, no I/O); the project tag `type:domain` lets it depend on
// domain libs only (ADR 0092).
export * from './decider';
export * from './decider-spec';
export * from './clock';
export * from './fingerprint';
export * from './cpr';
export * from './child';
export * from './workflow';
export * from './upcasting';
export * from './cpr-in-text';
export * from './tenant-scoped-id';
export * from './sites';
