import t from 'tap';
import { createPool, createTestDatabase } from '@tongxin/db';
import { consumeBatchOnce, consumeOnce } from '../src/index.ts';
import { serviceSchema, testEvent } from './helpers/bus-contract.ts';

t.test('consumeOnce applies an event once per consumer, and not at all when the effect fails', async (t) => {
  const db = await createTestDatabase();
  const pool = createPool(db.connectionString);
  t.teardown(async () => {
    await pool.end();
    await db.drop();
  });
  const schema = await serviceSchema(pool);
  const event = testEvent('w-1', 1);
  const apply = (consumer: string) =>
    consumeOnce({
      pool,
      schema,
      consumer,
      event,
      handle: async (client) => {
        await client.query(`INSERT INTO ${schema}.effects (event_id, seq) VALUES ($1, $2)`, [event.id, 1]);
      },
    });

  await t.rejects(
    consumeOnce({
      pool,
      schema,
      consumer: 'matching',
      event,
      handle: async (client) => {
        await client.query(`INSERT INTO ${schema}.effects (event_id, seq) VALUES ($1, $2)`, [event.id, 0]);
        throw new Error('effect failed');
      },
    }),
    /effect failed/,
  );
  t.equal(await apply('matching'), true, 'a failed attempt leaves no inbox row behind');
  t.equal(await apply('matching'), false, 'a replay changes nothing');
  t.equal(await apply('notifications'), true, 'another consumer handles it on its own');
  const { rows } = await pool.query(`SELECT seq FROM ${schema}.effects ORDER BY seq`);
  t.same(rows, [{ seq: 1 }, { seq: 1 }]);
});

t.test(
  'consumeBatchOnce: one transaction for the batch; a repeated id applied once; a failure leaves nothing',
  async (t) => {
    const db = await createTestDatabase();
    const pool = createPool(db.connectionString);
    t.teardown(async () => {
      await pool.end();
      await db.drop();
    });
    const schema = await serviceSchema(pool);
    const [a, b, c] = [testEvent('w-1', 1), testEvent('w-1', 2), testEvent('w-1', 3)];
    const apply = (events: (typeof a)[], failOn?: number) =>
      consumeBatchOnce({
        pool,
        schema,
        consumer: 'matching',
        events,
        handle: async (e, client) => {
          if (e.data.seq === failOn) throw new Error('effect failed');
          await client.query(`INSERT INTO ${schema}.effects (event_id, seq) VALUES ($1, $2)`, [e.id, e.data.seq]);
        },
      });

    await t.rejects(apply([a, b, c], 3), /effect failed/);
    t.same((await pool.query(`SELECT count(*)::int AS n FROM ${schema}.inbox`)).rows, [{ n: 0 }], 'no inbox row left');
    t.equal(await apply([a, b, a]), 2, 'the relay republished a: it is applied once');
    t.equal(await apply([a, b, c]), 1, 'redelivered with one new event: only that one');
    t.equal(await apply([]), 0);
    const { rows } = await pool.query(`SELECT seq FROM ${schema}.effects ORDER BY seq`);
    t.same(rows, [{ seq: 1 }, { seq: 2 }, { seq: 3 }]);
  },
);
