export * from './roles.js';
export * from './vietnamese-text.js';
export * from './money.js';
export * from './time.js';
