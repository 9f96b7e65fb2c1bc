/**
 * The tabs of `<live-host-console>` as data: which exist, how the `tabs` attribute names them, and
 * where the arrow keys go (the ARIA tabs pattern, with selection following focus).
 */

/** The console's panels, in their default order. */
export const HOST_TABS = ['polls', 'quiz', 'chat', 'qa', 'review', 'reactions'] as const;

export type HostTab = (typeof HOST_TABS)[number];

const isTab = (name: string): name is HostTab => (HOST_TABS as readonly string[]).includes(name);

/** The known, distinct tab names of a `tabs` attribute (spaces or commas); `fallback` if none. */
export function parseTabs(value: string | undefined, fallback: readonly HostTab[]): HostTab[] {
  const tabs = [
    ...new Set(
      (value ?? '')
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(isTab),
    ),
  ];
  return tabs.length ? tabs : [...fallback];
}

/** The tab a key moves to from `index` of `count` tabs, or -1 for a key tabs do not use. */
export function tabIndexForKey(key: string, index: number, count: number): number {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return -1;
  }
}

/**
 * The downloads of the Export menu: one CSV per kind of the room's record, and everything as
 * JSON (`GET /api/v1/rooms/{room}/export`, see the relay's `server/export/`).
 */
export const HOST_EXPORTS = ['chat', 'polls', 'quiz', 'qa', 'modlog', 'all'] as const;

export type HostExport = (typeof HOST_EXPORTS)[number];

/** The export's query: CSV of one kind, or JSON of every kind. */
export function exportQuery(which: HostExport): string {
  return which === 'all' ? 'format=json' : `format=csv&kind=${which}`;
}
