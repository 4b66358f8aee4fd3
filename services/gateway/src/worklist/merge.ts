import { type WorklistItem, byUrgency } from '@tongxin/service-platform';

export { byUrgency };

/** A part's answer: `{items, counts}`, or undefined when it did not answer with one. */
export interface PartAnswer {
  items: WorklistItem[];
  counts: Record<string, number>;
}

/** Whether a part's body has the contract's shape, as far as merging needs it. */
export function isPartAnswer(body: unknown): body is PartAnswer {
  if (typeof body !== 'object' || body === null) return false;
  const { items, counts } = body as Record<string, unknown>;
  return (
    Array.isArray(items) &&
    items.every((i) => typeof i === 'object' && i !== null && typeof i.kind === 'string' && typeof i.id === 'string') &&
    typeof counts === 'object' &&
    counts !== null &&
    Object.values(counts).every((n) => Number.isInteger(n) && (n as number) >= 0)
  );
}

/** The parts' items in one list by urgency, and their counts added up by kind. */
export function mergeParts(answers: PartAnswer[]): PartAnswer {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    for (const [kind, n] of Object.entries(a.counts)) counts[kind] = (counts[kind] ?? 0) + n;
  }
  return { items: answers.flatMap((a) => a.items).sort(byUrgency), counts };
}

/** At most `limit` items of each kind, in the merged order; the counts stay as the parts gave them. */
export function capPerKind(list: PartAnswer, limit: number): PartAnswer {
  const seen = new Map<string, number>();
  const items = list.items.filter((i) => {
    const n = (seen.get(i.kind) ?? 0) + 1;
    seen.set(i.kind, n);
    return n <= limit;
  });
  return { items, counts: list.counts };
}
