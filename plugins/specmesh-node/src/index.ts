export * from './spec';
export * from './plan';
export * from './kafka';
export * from './registry';
export * from './apply';
export * from './config';
export * from './chargeback';
