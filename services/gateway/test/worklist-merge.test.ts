import t from 'tap';
import { byUrgency, capPerKind, isPartAnswer, mergeParts } from '../src/worklist/merge.ts';

const item = (kind: string, id: string, overdue: boolean, dueDate?: string) => ({
  kind,
  id,
  title: id,
  titleEn: id,
  overdue,
  link: '#/',
  ...(dueDate ? { dueDate } : {}),
});

t.test('the parts merge into one list: overdue first, then by due date, undated last; counts add up', async (t) => {
  const merged = mergeParts([
    {
      items: [item('follow-up-due', 'a', false, '2026-12-03'), item('follow-up-overdue', 'b', true, '2026-10-01')],
      counts: { 'follow-up-due': 7, 'follow-up-overdue': 1, shared: 2 },
    },
    {
      items: [item('registration-request', 'c', false), item('import-errors', 'd', false, '2026-11-30')],
      counts: { 'registration-request': 3, 'import-errors': 1, shared: 1 },
    },
  ]);
  t.same(
    merged.items.map((i) => i.id),
    ['b', 'd', 'a', 'c'],
  );
  t.same(merged.counts, {
    'follow-up-due': 7,
    'follow-up-overdue': 1,
    shared: 3,
    'registration-request': 3,
    'import-errors': 1,
  });
  t.same(mergeParts([]), { items: [], counts: {} });
  t.equal(byUrgency(item('x', 'same', false, '2026-01-01'), item('x', 'same', false, '2026-01-01')), 0);
  t.ok(
    byUrgency(item('a-kind', 'z', false, '2026-01-01'), item('b-kind', 'a', false, '2026-01-01')) < 0,
    'then by kind',
  );
});

t.test('only a worklist is taken as a part’s answer', async (t) => {
  t.ok(isPartAnswer({ items: [], counts: {} }));
  t.ok(isPartAnswer({ items: [item('k', '1', false)], counts: { k: 1 } }));
  for (const body of [
    null,
    'text',
    { items: [] },
    { counts: {} },
    { items: {}, counts: {} },
    { items: [{ id: '1' }], counts: {} },
    { items: [], counts: { k: -1 } },
    { items: [], counts: { k: 1.5 } },
    { items: [], counts: null },
    { type: 'about:blank', status: 404, code: 'ROUTE_NOT_FOUND' },
  ]) {
    t.notOk(isPartAnswer(body), JSON.stringify(body));
  }
});

t.test('a part that takes no limit is capped by the gateway, kind by kind, counts untouched', async (t) => {
  const list = {
    items: [item('a', '1', true), item('b', '2', false, '2026-01-01'), item('a', '3', false), item('a', '4', false)],
    counts: { a: 9, b: 1 },
  };
  t.same(
    capPerKind(list, 2).items.map((i) => i.id),
    ['1', '2', '3'],
  );
  t.same(capPerKind(list, 0), { items: [], counts: { a: 9, b: 1 } });
});
