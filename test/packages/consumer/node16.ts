/** The packed types under `node16` resolution (a Node ESM project): every entry resolves. */
import { load, ready } from 'hubbub/embed';
import { getConnection } from 'hubbub/core';
import { LiveChat } from 'hubbub/live-chat.js';
import { defineElements } from 'hubbub';
import { createRelay, signToken, type CreateRelayOptions, type TokenClaims } from 'hubbub-relay';
import type { Role } from 'hubbub-relay';

const claims: TokenClaims = { sub: 'u1', name: 'Ann', role: 'host', rooms: ['r'], exp: 0 };
const role: Role = claims.role;
const options: CreateRelayOptions = { secret: 's', memory: true, port: 0 };
export const all = [
  load,
  ready,
  getConnection,
  LiveChat,
  defineElements,
  createRelay,
  role,
  options,
];
export const token: string = signToken('s', claims);
