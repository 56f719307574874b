export * from './infrastructure';
export * from './databases';
export * from './waiting';
export * from './cpr';
export * from './private-kafka';
export * from './tokens';
export * from './kafka-probe';
export * from './private-postgres';
