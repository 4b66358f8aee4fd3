import t from 'tap';
import { createPool, createTestDatabase } from '@tongxin/db';
import { consumeOnce } from '../src/index.ts';
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
