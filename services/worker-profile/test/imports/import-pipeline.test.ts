import 'reflect-metadata';
import t from 'tap';
import { matchByKey } from '../../src/imports/import-pipeline.ts';
import { schemaCheck } from '../../src/imports/schema-check.ts';
import { ActivityInput } from '../../src/ledgers/schemas.ts';

// The pipeline's classification and schema check are pure: no HTTP, no database.
t.test('matchByKey: new rows, unchanged rows and updates, writes in the order of the sheet', async (t) => {
  const stored = new Map([
    ['a', { id: 1, v: 'same' }],
    ['b', { id: 2, v: 'old' }],
  ]);
  const rows = [
    { row: 2, value: { k: 'c', v: 'new' } },
    { row: 3, value: { k: 'b', v: 'changed' } },
    { row: 4, value: { k: 'a', v: 'same' } },
  ];
  const r = matchByKey(
    rows,
    stored,
    (x) => x.k,
    (old, x) => old.v === x.v,
  );
  t.same(r.plan, [{ value: { k: 'c', v: 'new' } }, { value: { k: 'b', v: 'changed' }, old: { id: 2, v: 'old' } }]);
  t.same([r.created, r.updated, r.unchanged], [1, 1, 1]);
});

t.test('schemaCheck names each column once, by key', async (t) => {
  const check = schemaCheck(ActivityInput);
  t.same(check({ kind: 'visit', regionCode: '140723100201', date: '2026-03-01' }), []);
  const errors = check({ kind: 'dance', regionCode: '14', date: '2026-03-01', participants: -1 });
  t.same(
    errors.map((e) => e.key),
    ['kind', 'regionCode', 'participants'],
  );
  t.same(check({ regionCode: '140723100201', date: '2026-03-01' }), [{ key: 'kind', message: 'is required' }]);
});
