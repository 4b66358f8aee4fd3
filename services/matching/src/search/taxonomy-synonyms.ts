import type { Taxonomy } from '@tongxin/taxonomy';

/**
 * Meilisearch synonyms from the taxonomy: the Chinese name and every synonym of a skill are
 * mutual synonyms (挖机司机 ↔ 挖掘机驾驶员). A synonym two skills share stays with both.
 */
export function taxonomySynonyms(taxonomy: Taxonomy): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const s of taxonomy.all()) {
    const group = [s.nameZh, ...s.synonyms];
    for (const word of group) {
      const set = (out[word] ??= new Set());
      for (const other of group) if (other !== word) set.add(other);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}
