/**
 * `npm run bench:notify [-- --workers N]`: matching-opening alerts from the opening's publication to
 * the last inbox write, in embedded mode (PGlite + the embedded event log), the whole chain as it
 * runs in the product: employer → matching → gateway (issue 15).
 *
 * Setup (not measured): the gateway, employer and matching started as the test harness starts
 * them; N workers (default 10,000) made known to matching by worker.registered events on the bus
 * (welders at level 3 wanting work in the county: a full fit, above MATCH_ALERT_MIN_SCORE), and
 * N worker accounts written straight into the gateway's accounts table; a verified employer and
 * a draft opening through the employer API.
 *
 * Measured: the opening is published (PATCH status open); the clock starts at the API's answer.
 * Stages: answer → opening.matched emitted by matching (its CloudEvent time, written in matching's
 * read-model transaction) → heard on the bus → the last of the N inbox rows committed in the
 * gateway. Each alert also queues its SMS delivery (the dispatcher is off: the figure is the inbox's).
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { makeCreditCode } from '@tongxin/cn-codes';
import { type CloudEvent, TOPICS } from '@tongxin/events';
import { startStack, stackBus } from '@tongxin/test-harness';
import pg from 'pg';
import { worker, workerEvent } from '../../matching/test/fixtures.ts';

const { values: args } = parseArgs({ options: { workers: { type: 'string', default: '10000' } } });
const WORKERS = Number(args.workers);
if (!Number.isInteger(WORKERS) || WORKERS < 1)
  throw new Error(`--workers must be a positive integer, not ${args.workers}`);
const MAX_ALERTS = 10_000; // matching's MATCH_ALERT_MAX (the contract's maximum per opening.matched)
const EXPECTED = Math.min(WORKERS, MAX_ALERTS);

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

const setupStarted = Date.now();
const stack = await startStack({
  services: ['employer', 'matching'],
  env: { chromium: false },
  settings: {
    NOTIFY_DISPATCHER: 'false',
    NOTIFY_MATCH_ALERTS_PER_DAY: '5',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'error',
  },
});
const db = new pg.Client({ connectionString: stack.db.connectionString });
await db.connect();
const bus = await stackBus(stack.settings, 'bench-notify');
const matchedEvents: { event: CloudEvent; heardAt: number }[] = [];
await bus.bus.subscribe({
  groupId: 'bench-notify-listener',
  topics: [TOPICS.opening],
  fromBeginning: true,
  handler: async (event) => {
    if (event.type === 'opening.matched') matchedEvents.push({ event, heardAt: Date.now() });
  },
});
const matchingUrl = `http://127.0.0.1:${(stack.services.matching!.server.address() as AddressInfo).port}`;
/** Events on `topic` that matching has not handled yet. */
async function matchingBehind(topic: string = TOPICS.worker): Promise<number> {
  const body = (await (await fetch(`${matchingUrl}/ready`)).json()) as {
    details?: { consumers?: { topic: string; events: number }[] };
  };
  return (body.details?.consumers ?? []).filter((c) => c.topic === topic).reduce((n, c) => n + c.events, 0);
}

try {
  const admin = await stack.login('admin');
  log(`bench:notify setup: ${WORKERS} workers (embedded: PGlite + embedded event log; gateway, employer, matching)`);

  // Workers known to matching: worker.registered on the bus, as worker-profile's outbox publishes it.
  const workers = Array.from({ length: WORKERS }, () =>
    worker({ skills: [{ code: 'con.welder', level: 3 }], tierPreferences: ['in_county'], expectedMinWage: 4000 }),
  );
  for (let i = 0; i < WORKERS; i += 500) {
    await bus.publish(...workers.slice(i, i + 500).map((w) => workerEvent(w)));
  }
  log(`published ${WORKERS} worker.registered`);
  for (let last = 0; ;) {
    const behind = await matchingBehind();
    if (behind === 0) break;
    if (Date.now() - last > 5000) {
      last = Date.now();
      log(`matching: ${WORKERS - behind}/${WORKERS} workers known`);
    }
    await sleep(200);
  }
  log(`matching knows the ${WORKERS} workers`);

  // Their accounts in the gateway (notifications go to accounts).
  await db.query(
    `INSERT INTO gateway.accounts (id, username, password_hash, role, display_name, worker_id)
     SELECT gen_random_uuid(), 'bench.worker.' || n, 'x', 'worker', '工人' || n, w
       FROM unnest($1::text[]) WITH ORDINALITY AS t(w, n)`,
    [workers.map((w) => w.id)],
  );
  log(`${WORKERS} worker accounts written`);

  // A verified employer and a draft opening through the employer API.
  const employer = await stack.api.post(
    '/api/v1/employers',
    {
      name: '和顺县通知测试建设有限公司',
      creditCode: makeCreditCode('91140723MA0999999'),
      industry: 'construction',
      regionCode: '140723100',
      contact: { name: '王经理', phone: '13935409999' },
    },
    admin,
  );
  if (employer.status !== 201) throw new Error(`employer: ${employer.status} ${JSON.stringify(employer.body)}`);
  const verified = await stack.api.post(`/api/v1/employers/${employer.body.id}/verify`, undefined, admin);
  if (verified.status >= 300) throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
  const draft = await stack.api.post(
    '/api/v1/openings',
    {
      employerId: employer.body.id,
      title: '电焊工',
      occupationCode: 'con.welder',
      requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: false }],
      worksiteRegionCode: '140723100236',
      headcount: 50,
      wageMin: 5000,
      wageMax: 7000,
      startDate: inDays(10),
      closingDate: inDays(40),
      reservedForPoor: false,
      status: 'draft',
    },
    admin,
  );
  if (draft.status !== 201) throw new Error(`opening: ${draft.status} ${JSON.stringify(draft.body)}`);
  const openingId = draft.body.id as string;
  // Matching knows the employer as verified before the opening is published (setup, not measured).
  await sleep(500);
  while ((await matchingBehind(TOPICS.employer)) > 0) await sleep(100);
  log(`setup done in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s; publishing opening ${openingId}`);

  // Measured: publication → opening.matched → the last inbox row.
  const asked = Date.now();
  const published = await stack.api.patch(`/api/v1/openings/${openingId}`, { status: 'open' }, admin);
  const t0 = Date.now();
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  let matched: (typeof matchedEvents)[number] | undefined;
  let written = 0;
  let lastWrite = 0;
  let lastLog = t0;
  for (;;) {
    matched ??= matchedEvents.find((m) => m.event.subject === openingId);
    if (matched) {
      const r = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM gateway.notifications WHERE event_id = $1',
        [matched.event.id],
      );
      written = r.rows[0]!.n;
      lastWrite = Date.now();
      if (written >= EXPECTED) break;
    }
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(matched ? `inbox: ${written}/${EXPECTED} written` : 'waiting for opening.matched');
    }
    if (Date.now() - t0 > 15 * 60_000) break;
    await sleep(20);
  }
  const matchedData = matched?.event.data as { matches: unknown[]; truncated?: boolean } | undefined;
  const alertCount = await db.query<{ n: number }>(
    'SELECT coalesce(max(matched), 0)::int AS n FROM matching.opening_alerts WHERE opening_id = $1',
    [openingId],
  );
  const deliveries = matched
    ? await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM gateway.notification_deliveries d
           JOIN gateway.notifications n ON n.id = d.notification_id WHERE n.event_id = $1`,
        [matched.event.id],
      )
    : { rows: [{ n: 0 }] };
  const emitted = matched ? Date.parse(matched.event.time!) : NaN;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const total = lastWrite - t0;

  console.log(`\nbench:notify — embedded (PGlite + embedded event log; gateway, employer, matching in one process)`);
  console.log('-'.repeat(100));
  console.log(`workers known to matching / accounts      ${WORKERS} / ${WORKERS}`);
  console.log(
    `workers matched (opening.matched)         ${matchedData?.matches.length ?? 0} named${matchedData?.truncated ? ' (truncated at MATCH_ALERT_MAX)' : ''}; ${alertCount.rows[0]!.n} above the threshold`,
  );
  console.log(`inbox rows written                        ${written} (SMS deliveries queued: ${deliveries.rows[0]!.n})`);
  console.log(`PATCH status open (API latency)           ${s(t0 - asked)}`);
  if (matched) {
    console.log(
      `published (answer) → opening.matched      ${s(emitted - t0)} (matching ranks and writes it; event time)`,
    );
    console.log(`opening.matched → heard on the bus        ${s(matched.heardAt - emitted)}`);
    console.log(`heard on the bus → last inbox row         ${s(lastWrite - matched.heardAt)}`);
  }
  console.log(`total: published → last inbox row         ${s(total)}`);
  console.log(`rate                                      ${Math.round(written / (total / 1000))} alerts/s`);
  if (written < EXPECTED) {
    console.log(
      `NOT ALL WRITTEN: ${written} of ${EXPECTED} inbox rows — ${
        !matched
          ? 'matching emitted no opening.matched for the opening (is it published, the employer verified?)'
          : matchedData!.matches.length < EXPECTED
            ? `matching named only ${matchedData!.matches.length} workers above MATCH_ALERT_MIN_SCORE`
            : 'the gateway did not write them all within 15 minutes'
      }`,
    );
    process.exitCode = 1;
  }
} finally {
  await bus.close().catch(() => undefined);
  await db.end().catch(() => undefined);
  await stack.stop();
}
process.exit(process.exitCode ?? 0);
