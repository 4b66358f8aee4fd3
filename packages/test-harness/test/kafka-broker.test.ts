import t from 'tap';
import { clusterId } from '../src/kafka-broker.js';

t.test('a cluster id is never read as an option by the storage tool', async (t) => {
  // One id in 64 would begin with '-' if drawn once; among 20,000 some would.
  const ids = Array.from({ length: 20_000 }, clusterId);
  t.equal(ids.filter((id) => id.startsWith('-')).length, 0, 'none begins with a hyphen');
  t.ok(
    ids.every((id) => /^[A-Za-z0-9_-]{22}$/.test(id)),
    '22 base64url characters: 16 bytes, as kafka-storage random-uuid prints',
  );
  t.equal(new Set(ids).size, ids.length, 'all different');
});
