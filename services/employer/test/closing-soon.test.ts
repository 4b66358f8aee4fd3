import { TOPICS } from '@tongxin/events';
import { type Stack, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { type TestBus, testBus } from './helpers/bus.ts';
import { day, employerInput, openingInput } from './helpers/fixtures.ts';

/** Issue 15: open, unfilled openings about to close are announced to their employer once a day. */
let stack: Stack;
let admin: string;
let bus: TestBus;

t.before(async () => {
  stack = await startStack({ services: ['employer'] });
  admin = await stack.login('admin');
  bus = await testBus(stack, [TOPICS.opening]);
});
t.teardown(async () => {
  await bus.close();
  await stack.stop();
});

t.test(
  'the closing-soon scan announces each open, unfilled opening closing within three days, once a day',
  async (t) => {
    const e = (await stack.api.post('/api/v1/employers', employerInput({ name: '和顺县截止测试公司' }), admin)).body;
    await stack.api.post(`/api/v1/employers/${e.id}/verify`, undefined, admin);
    const open = async (closingDate: string, overrides: Record<string, unknown> = {}) => {
      const r = await stack.api.post(
        '/api/v1/openings',
        openingInput(e.id, { status: 'open', startDate: day(0), closingDate, ...overrides }),
        admin,
      );
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      return r.body as { id: string };
    };
    const soon = await open(day(2));
    const today = await open(day(0));
    const later = await open(day(5));
    const draft = (
      await stack.api.post('/api/v1/openings', openingInput(e.id, { startDate: day(0), closingDate: day(1) }), admin)
    ).body as { id: string };

    const job = stack.services.employer!.jobs['closing-soon']!;
    t.equal(await job(), 2, 'two openings close within three days');
    t.equal(await job(), 0, 'a second run the same day announces nothing');
    const got = await bus.waitFor('opening.closing-soon', (d) => d.openingId === soon.id);
    t.match(got.data, {
      openingId: soon.id,
      employerId: e.id,
      title: '电焊工',
      closesOn: day(2),
      filled: 0,
      headcount: 2,
      scanDate: day(0),
    });
    await bus.waitFor('opening.closing-soon', (d) => d.openingId === today.id);
    const announced = () =>
      bus.seen.filter((x) => x.type === 'opening.closing-soon').map((x) => (x.data as { openingId: string }).openingId);
    t.notOk(announced().includes(later.id), 'five days out is not soon');
    t.notOk(announced().includes(draft.id), 'a draft is not announced');

    // The next county day (the notice of today moved back a day, as time passing would leave it): announced again.
    const db = new pg.Client({ connectionString: stack.db.connectionString });
    await db.connect();
    try {
      await db.query(`UPDATE employer.closing_soon_notices SET scan_date = scan_date - 1 WHERE opening_id = $1`, [
        soon.id,
      ]);
    } finally {
      await db.end();
    }
    t.equal(await job(), 1, 'once per opening per county day');
  },
);
