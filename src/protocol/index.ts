/** The wire protocol: what the hub and every client share at run time (docs/protocol.md). */
export * from './codes.js';
export * from './game-schemas.js';
export * from './messages.js';
export * from './parse.js';
