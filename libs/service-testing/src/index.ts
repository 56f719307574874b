export * from './service-under-test';
export * from './http';
export { readAllMessages } from '@sagsspor/testing';
export * from './route-table';
export * from './access-contract';
export * from './fuzz';
export * from './security';
export * from './security-attacks';
export * from './topic-fuzz';
