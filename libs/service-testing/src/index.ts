export * from './service-under-test';
export * from './http';
export * from './kafka-probe';
export * from './route-table';
