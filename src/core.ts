/**
 * `hubbub/core`: the connection, the feature stores and the protocol types, without any element.
 * Importing it has no side effect (nothing is defined, no socket is opened), so an app that drives
 * the stores itself bundles only what it calls.
 */
export * from './connection/index.js';
export * from './protocol/index.js';
export * from './features/chat.js';
export * from './features/presence.js';
export * from './features/reactions.js';
export * from './features/poll.js';
export * from './features/quiz.js';
export * from './features/qa.js';
