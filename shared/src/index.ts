export * from './domain';
export * from './levensdomeinen';
export * from './api';
export * from './errors';
export * from './events';
export * from './plan';
