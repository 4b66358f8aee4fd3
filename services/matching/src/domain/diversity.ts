/** At most this many openings of one employer on the first page of matches or of search results. */
export const PER_EMPLOYER_ON_FIRST_PAGE = 3;

/**
 * Spreads the first page over employers: walking the ranked list, an item whose employer
 * already has `cap` items on the page waits; the page is filled from further down, and the
 * items that waited follow the page in their own order, so nothing is lost and the rest of
 * the order is unchanged. When too few employers are left, the page is topped up from the
 * waiting items rather than left short.
 */
export function spreadFirstPage<T>(
  ranked: readonly T[],
  employerOf: (item: T) => string,
  page: number,
  cap = PER_EMPLOYER_ON_FIRST_PAGE,
): T[] {
  if (ranked.length <= cap) return [...ranked];
  const first: T[] = [];
  const waiting: T[] = [];
  const count = new Map<string, number>();
  let i = 0;
  for (; i < ranked.length && first.length < page; i++) {
    const item = ranked[i]!;
    const e = employerOf(item);
    const n = count.get(e) ?? 0;
    if (n < cap) {
      first.push(item);
      count.set(e, n + 1);
    } else waiting.push(item);
  }
  // Not enough other employers: the best of the waiting ones fill the page.
  while (first.length < page && waiting.length) first.push(waiting.shift()!);
  return [...first, ...waiting, ...ranked.slice(i)];
}
