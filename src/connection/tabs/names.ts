/**
 * Who may share a socket: tabs that use the same relay list as the same user. The user is read
 * from the `hello` a tab's connection sends (the token's subject, or the anonymous key), so the
 * choice follows `setToken()` without any hook into the connection.
 */
import type { HelloFrame } from '../../protocol/index.js';
import { tokenSubject } from '../token.js';
import { BUS_PREFIX } from './bus-protocol.js';

/** The user a `hello` speaks for, or undefined when the text is not a usable `hello`. */
export function helloIdentity(text: string): string | undefined {
  let hello: Partial<HelloFrame>;
  try {
    hello = JSON.parse(text) as Partial<HelloFrame>;
  } catch {
    return undefined;
  }
  if (hello?.t !== 'hello') return undefined;
  if (typeof hello.token === 'string') {
    const sub = tokenSubject(hello.token);
    return sub === undefined ? `token:${hello.token}` : `user:${sub}`;
  }
  return typeof hello.anon?.key === 'string' ? `anon:${hello.anon.key}` : 'anon:';
}

/**
 * The names of one shared socket's BroadcastChannel and leader lock. Hashed: short, and the
 * anonymous key (a secret) never appears in a name that devtools list.
 */
export function busNames(relayList: string, identity: string): { channel: string; lock: string } {
  const id = hash(`${relayList}\n${identity}`);
  return { channel: `${BUS_PREFIX}:${id}`, lock: `${BUS_PREFIX}:lead:${id}` };
}

/** The lock a tab holds for its life, so that the leader learns of its end even on a crash. */
export function tabLockName(tab: string): string {
  return `${BUS_PREFIX}:tab:${tab}`;
}

/** 64 bits of FNV-1a (two 32-bit lanes), as hex: enough to keep names of one origin apart. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
