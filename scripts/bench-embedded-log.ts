/**
 * npm run bench:embedded-log [-- --events N]
 *
 * The embedded bus alone on a fresh database (embedded PGlite, or TONGXIN_BENCH_POSTGRES_URL): what
 * appending costs per event at several publish sizes, and what consuming costs per event with the
 * per-message handler (one transaction and one offset commit per event) against the batch handler
 * (one transaction and one commit per partition batch). The effect is one INSERT per event, so the
 * figures are the pipeline's own overhead. Issue 16; no targets of its own.
 */
import { parseArgs } from 'node:util';
import { createPool, createTestDatabase } from '@tongxin/db';
import {
  EmbeddedBus,
  consumeBatchOnce,
  consumeOnce,
  createCloudEvent,
  outboxMigrationSql,
  type CloudEvent,
} from '@tongxin/events';

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '2000' } } });
const EVENTS = Number(args.events);
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const db = await createTestDatabase(process.env.TONGXIN_BENCH_POSTGRES_URL);
const pool = createPool(db.connectionString, { max: 10 });
const bus = new EmbeddedBus({ pool, logger: silent as never, pollIntervalMs: 50 });
await bus.connect();
await pool.query(outboxMigrationSql('svc'));
await pool.query('CREATE TABLE svc.effects (event_id text NOT NULL, seq int NOT NULL)');
const rows: [string, string][] = [];
const event = (seq: number): CloudEvent =>
  createCloudEvent({ type: 'worker.tested', source: '/bench', subject: `w${seq % 500}`, data: { seq } });

try {
  for (const size of [1, 10, 100, 500]) {
    const n = size === 1 ? Math.min(EVENTS, 500) : EVENTS;
    const topic = `append.${size}`;
    const t0 = performance.now();
    for (let i = 0; i < n; i += size) {
      await bus.publish(
        Array.from({ length: Math.min(size, n - i) }, (_, j) => ({
          topic,
          key: `w${(i + j) % 500}`,
          event: event(i + j),
        })),
      );
    }
    const s = (performance.now() - t0) / 1000;
    rows.push([
      `append, ${size} per publish`,
      `${(n / s).toFixed(0)} events/s (${((s * 1000) / n).toFixed(2)} ms/event, ${n} events)`,
    ]);
  }

  const topic = 'consume';
  for (let i = 0; i < EVENTS; i += 500)
    await bus.publish(
      Array.from({ length: Math.min(500, EVENTS - i) }, (_, j) => ({
        topic,
        key: `w${(i + j) % 500}`,
        event: event(i + j),
      })),
    );
  for (const mode of ['per message', 'batch'] as const) {
    const consumer = `bench.${mode === 'batch' ? 'batch' : 'single'}`;
    const effect = async (e: CloudEvent, c: { query: (s: string, v: unknown[]) => Promise<unknown> }) => {
      await c.query('INSERT INTO svc.effects (event_id, seq) VALUES ($1, $2)', [e.id, (e.data as { seq: number }).seq]);
    };
    let applied = 0;
    const t0 = performance.now();
    const sub = await bus.subscribe({
      groupId: consumer,
      topics: [topic],
      fromBeginning: true,
      handler: async (e) => {
        if (await consumeOnce({ pool, schema: 'svc', consumer, event: e, handle: (c) => effect(e, c) })) applied++;
      },
      ...(mode === 'batch'
        ? {
            batchHandler: async (messages) => {
              // Partitions run concurrently: add after the await, not `applied += await …`.
              const n = await consumeBatchOnce({
                pool,
                schema: 'svc',
                consumer,
                events: messages.map((m) => m.event),
                handle: effect,
              });
              applied += n;
            },
          }
        : {}),
    });
    while ((await bus.lag(consumer, [topic]))[0]!.events > 0) await new Promise((r) => setTimeout(r, 20));
    const s = (performance.now() - t0) / 1000;
    await sub.stop();
    rows.push([
      `consume, ${mode}`,
      `${(applied / s).toFixed(0)} events/s (${((s * 1000) / applied).toFixed(2)} ms/event, ${applied} events)`,
    ]);
  }
} finally {
  console.log(`\nbench:embedded-log — ${db.kind}\n${'-'.repeat(80)}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(28)} ${v}`);
  await bus.close();
  await pool.end();
  await db.drop();
}
