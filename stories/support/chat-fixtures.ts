/** Recorded chat traffic for the stories: people, messages and snapshots. */
import type { ChatMessage, ChatSnapshot, User } from '../../src/protocol/index.js';

export const people = {
  me: { id: 'anon-me', name: 'You', role: 'audience' },
  host: { id: 'host-1', name: 'Hana (host)', role: 'host' },
  mod: { id: 'mod-1', name: 'Mo', role: 'moderator' },
  ana: { id: 'anon-ana', name: 'Ana', role: 'audience' },
  bo: { id: 'anon-bo', name: 'Bo', role: 'audience' },
  chen: { id: 'anon-chen', name: 'Chen', role: 'audience' },
  dara: { id: 'anon-dara', name: 'Dara', role: 'audience' },
} satisfies Record<string, User>;

const lines = [
  'Hi everyone! 👋',
  'Audio is a bit quiet on my side',
  'Fixed now, thanks',
  'Where can I find the slides?',
  'They will be shared after the talk',
  'Great question about caching',
  'Does this work with Redis cluster?',
  '<img src=x onerror=alert(1)> stays text, never HTML',
  'Greetings from Lisbon 🇵🇹',
  'Can you zoom in on the code?',
  'Line breaks work too:\nfirst line\nsecond line',
  '+1 to the previous question',
];
const speakers = [people.ana, people.bo, people.chen, people.dara, people.host, people.mod];
const start = Date.UTC(2025, 0, 15, 18, 0, 0);

/** `count` messages, oldest first, a few of them replies. */
export function messages(count: number): ChatMessage[] {
  const list: ChatMessage[] = [];
  for (let i = 0; i < count; i++) {
    const message: ChatMessage = {
      id: `m${i + 1}`,
      text: lines[i % lines.length],
      user: speakers[(i * 7) % speakers.length],
      seq: i + 1,
      ts: start + i * 17_000,
    };
    if (i % 9 === 4) message.replyTo = `m${i}`;
    list.push(message);
  }
  return list;
}

export function snapshot(list: ChatMessage[], overrides: Partial<ChatSnapshot> = {}): ChatSnapshot {
  return { messages: list, pinned: { id: null }, settings: { slowModeSeconds: 0 }, ...overrides };
}
