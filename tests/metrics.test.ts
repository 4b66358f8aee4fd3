import type { AddressInfo } from 'node:net';
import { TOPICS } from '@tongxin/events';
import { eventually, startStack } from '@tongxin/test-harness';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { workerInput } from '../services/worker-profile/test/fixtures.ts';

/** A service's /metrics, scraped over HTTP on its own port as Prometheus does (no token). */
async function scrape(app: FastifyInstance): Promise<{ status: number; type: string; text: string }> {
  const { port } = app.server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** The value of one sample line (`name{labels} value`) whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

// Issue 18 item 4: every service's /metrics in the Prometheus text format, with the figures operators need.
// Five services and a gateway on one stack: generous on a busy machine (the run itself takes far less).
t.setTimeout(600_000);

t.test('every service serves its metrics', async (t) => {
  const stack = await startStack({ services: ['worker-profile', 'employer', 'matching', 'training', 'placement'] });
  t.teardown(() => stack.stop());
  const officer = await stack.login('officer.yixing');
  const created = await stack.api.post('/api/v1/workers', workerInput(), officer);
  t.equal(created.status, 201);
  const matching = stack.services.matching!;
  const registry = stack.services['worker-profile']!;

  // Matching handles the new worker's event: its handled counter names the type.
  const handled = await eventually('matching counts the worker event it handled', async () => {
    const { text } = await scrape(matching);
    return sample(text, 'tongxin_events_handled_total', { consumer: 'matching.read-model', type: 'worker.registered' });
  });
  t.ok(handled >= 1, `matching handled worker.registered (${handled})`);

  for (const [name, app] of Object.entries(stack.services)) {
    const { status, type, text } = await scrape(app);
    t.equal(status, 200, `${name}: /metrics answers without a token`);
    t.match(type, /^text\/plain; version=0\.0\.4/, `${name}: the Prometheus text format`);
    for (const metric of [
      'tongxin_http_requests_total',
      'tongxin_http_request_duration_seconds',
      'tongxin_outbox_backlog',
      'tongxin_consumer_lag_events',
      'tongxin_events_handled_total',
      'tongxin_events_failed_total',
      'tongxin_process_cpu_user_seconds_total',
    ]) {
      t.match(text, new RegExp(`^# TYPE ${metric} `, 'm'), `${name}: ${metric}`);
    }
    t.match(text, new RegExp(`service="${name}"`), `${name}: every sample names its service`);
    t.ok(
      sample(text, 'tongxin_consumer_lag_events', { group: `${name}.revoked-sessions`, topic: TOPICS.account }) !==
        undefined,
      `${name}: lag per group and topic`,
    );
  }

  // Requests by route template, not by raw URL; latency histograms per route.
  const { text } = await scrape(registry);
  t.ok(
    (sample(text, 'tongxin_http_requests_total', { method: 'POST', route: '/api/v1/workers', status: '201' }) ?? 0) >=
      1,
    'the registration counted under its route',
  );
  t.ok(
    sample(text, 'tongxin_http_request_duration_seconds_bucket', {
      method: 'POST',
      route: '/api/v1/workers',
      le: '+Inf',
    }),
    'its latency in a histogram',
  );
  t.notMatch(text, new RegExp(created.body.id as string), 'no ids in labels');
  t.equal(sample(text, 'tongxin_outbox_backlog'), 0, 'the outbox drained');
  t.match(text, /^# TYPE tongxin_import_jobs gauge/m, 'worker-profile reports its import jobs');

  // Not through the gateway's public API: /api/v1/metrics is no route, and the gateway's own port has none.
  t.equal((await stack.api.get('/api/v1/metrics', officer)).status, 404);
  const gatewayMetrics = await fetch(new URL('/metrics', stack.api.baseUrl));
  t.not(gatewayMetrics.headers.get('content-type')?.startsWith('text/plain; version=0.0.4'), true);
});
