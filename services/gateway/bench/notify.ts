/**
 * `npm run bench:notify`: 10,000 matching-opening alerts in embedded mode (PGlite + the embedded
 * event log), the gateway's notification consumer as it runs in the product.
 *
 * 10,000 worker accounts are written straight into the gateway's accounts table; one
 * `opening.matched` event for a newly published opening, naming the 10,000 workers above the
 * threshold (its contract's maximum), is published on the bus as matching publishes it. The clock
 * runs from that publication to the last inbox write (the 10,000th notification committed), and
 * the rate is alerts per second. Each alert also queues its SMS delivery (sent later by the
 * dispatcher, which is off here: the figure is the inbox's).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createCloudEvent } from '@tongxin/events';
import { startStack, stackBus } from '@tongxin/test-harness';
import pg from 'pg';

const ALERTS = Number(process.env.BENCH_ALERTS ?? 10_000);

const stack = await startStack({
  services: [],
  settings: { NOTIFY_DISPATCHER: 'false', NOTIFY_MATCH_ALERTS_PER_DAY: '5' },
});
const db = new pg.Client({ connectionString: stack.db.connectionString });
await db.connect();
try {
  const workers = Array.from({ length: ALERTS }, () => randomUUID());
  await db.query(
    `INSERT INTO gateway.accounts (id, username, password_hash, role, display_name, worker_id)
     SELECT gen_random_uuid(), 'bench.worker.' || n, 'x', 'worker', '工人' || n, w
       FROM unnest($1::text[]) WITH ORDINALITY AS t(w, n)`,
    [workers],
  );
  const bus = await stackBus(stack.settings, 'bench-notify');
  const openingId = randomUUID();
  const event = createCloudEvent({
    type: 'opening.matched',
    source: '/tongxin/matching',
    subject: openingId,
    data: {
      openingId,
      employerId: randomUUID(),
      title: '苏州精密制造 焊工',
      threshold: 0.7,
      matches: workers.map((workerId, i) => ({ workerId, score: 0.99 - (i % 25) / 100 })),
    },
  });
  const started = performance.now();
  await bus.publish(event);
  let written = 0;
  let elapsed = 0;
  for (;;) {
    const r = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM gateway.notifications WHERE event_id = $1',
      [event.id],
    );
    written = r.rows[0]!.n;
    elapsed = performance.now() - started;
    if (written >= ALERTS) break;
    if (elapsed > 15 * 60_000) throw new Error(`only ${written} of ${ALERTS} inbox writes after 15 minutes`);
    await new Promise((res) => setTimeout(res, 20));
  }
  const deliveries = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM gateway.notification_deliveries d JOIN gateway.notifications n ON n.id = d.notification_id
      WHERE n.event_id = $1`,
    [event.id],
  );
  console.log(`bench:notify (embedded: PGlite + embedded event log, one gateway)`);
  console.log(`  alerts:               ${written} inbox notices (one opening.matched naming ${ALERTS} workers)`);
  console.log(`  SMS deliveries queued: ${deliveries.rows[0]!.n}`);
  console.log(`  publication → last inbox write: ${(elapsed / 1000).toFixed(2)} s`);
  console.log(`  rate:                 ${Math.round(written / (elapsed / 1000))} alerts/s`);
  await bus.close();
} finally {
  await db.end();
  await stack.stop();
}
