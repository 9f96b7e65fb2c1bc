/** Text as the protocol measures it ("Text" in PROTOCOL.md). */

/** Length in Unicode code points (an emoji is one), as the relay counts every text limit. */
export function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
