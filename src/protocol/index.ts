/** The wire contract (PROTOCOL.md), written once and imported by the browser kit and the relay. */
export * from './frames.js';
export * from './users.js';
export * from './text.js';
export * from './contract.js';
export * from './chat.js';
export * from './poll.js';
export * from './qa.js';
export * from './quiz.js';
export * from './presence.js';
export * from './reactions.js';
export * from './review.js';
export * from './url.js';
