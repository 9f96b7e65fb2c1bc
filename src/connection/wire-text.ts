/** The relay's text frames, as the page's connection and the tab hub both read and bound them. */
import type { RelayFrame } from '../protocol/index.js';

/** The frames of one text from the relay (PROTOCOL.md: one frame, or an array of them); none if not JSON. */
export function decodeRelayFrames(raw: unknown): RelayFrame[] {
  if (typeof raw !== 'string') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  return (Array.isArray(parsed) ? parsed : [parsed]) as RelayFrame[];
}

/** Whether `text` is over `maxBytes` in UTF-8. */
export function overBytes(text: string, maxBytes: number): boolean {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit; only long texts need counting.
  return text.length * 3 > maxBytes && new TextEncoder().encode(text).length > maxBytes;
}
