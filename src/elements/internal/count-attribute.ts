/**
 * Lit's converter for a count attribute (`max-floating`, `max-avatars`, `limit`, `list-page`,
 * `max-rendered`, `skip-after`): a whole number, 0 or more; anything else (no number, a negative
 * one, the attribute removed) is the element's default. A typo must not lift a cap that bounds
 * the page's DOM, and removing the attribute gives the default back.
 */
export const countAttribute = (fallback: number) => ({
  fromAttribute: (value: string | null) => {
    const n = value?.trim() ? Number(value) : -1;
    return n >= 0 && n < Infinity ? Math.floor(n) : fallback; // NaN fails both
  },
});
