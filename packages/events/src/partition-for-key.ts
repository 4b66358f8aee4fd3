/**
 * Stable partition of a key: FNV-1a over the UTF-8 bytes, modulo the partition count.
 * Stable across processes and releases, because a changed mapping would split one
 * aggregate's events over two partitions and lose their order.
 */
export function partitionForKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
