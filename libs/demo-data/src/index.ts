export * from './random';
export * from './calibration';
export * from './cpr';
export * from './population';
export * from './plan';
export * from './summary';
export * from './driver';
export * from './cli';
