import type { AddressInfo } from 'node:net';
import { TOPICS } from '@tongxin/events';
import { type Stack, eventually, startStack } from '@tongxin/test-harness';
import { runsWith, testEnvironment } from '@tongxin/test-harness/environment';
import type { FastifyInstance } from 'fastify';
import t, { type Test } from 'tap';
import { workerInput } from '../services/worker-profile/test/fixtures.ts';

/** Consumer lag you can see (issue 16, ADR 0019): /ready details, the admin's view, matching's answer. */

interface Lag {
  consumer: string;
  group: string;
  topic: string;
  events: number;
  secondsBehind: number | null;
  running: boolean;
}

/** A service's own /ready, over HTTP on its port. */
async function ready(app: FastifyInstance): Promise<{ status: string; details: { consumers: Lag[] } }> {
  const { port } = app.server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/ready`);
  return (await res.json()) as { status: string; details: { consumers: Lag[] } };
}

const readModelLag = async (matching: FastifyInstance): Promise<Lag> => {
  const found = (await ready(matching)).details.consumers.find(
    (c) => c.consumer === 'read-model' && c.topic === TOPICS.worker,
  );
  if (!found) throw new Error('no read-model lag on the worker topic in /ready');
  return found;
};

async function scenario(t: Test, stack: Stack, kafka: boolean): Promise<void> {
  const matching = stack.services.matching!;
  const runtime = matching.serviceRuntime!;
  const officer = await stack.login('officer.yixing');
  const admin = await stack.login('admin');

  // Caught up first: whatever the stack published at start is handled.
  await eventually('matching caught up at start', async () => (await readModelLag(matching)).events === 0, 60_000);
  const caughtUp = await readModelLag(matching);
  t.same(caughtUp, {
    consumer: 'read-model',
    group: 'matching.read-model',
    topic: TOPICS.worker,
    events: 0,
    secondsBehind: 0,
    running: true,
  });

  // Held back: the registry's events wait in the log, and /ready counts them.
  await runtime.pauseConsumer('read-model');
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const created = await stack.api.post('/api/v1/workers', workerInput(), officer);
    t.equal(created.status, 201);
    ids.push(created.body.id as string);
  }
  const behind = await eventually(
    'the three registrations in matching’s lag',
    async () => {
      const l = await readModelLag(matching);
      return l.events === 3 && l;
    },
    30_000,
  );
  t.equal(behind.running, false, 'the paused consumer says so');
  if (kafka) t.ok(behind.secondsBehind === null || behind.secondsBehind >= 0, 'Kafka: an age only when held in hand');
  else t.ok(behind.secondsBehind !== null && behind.secondsBehind >= 0, 'embedded: the age of the oldest');

  // The admin's view gathers every service's groups.
  const view = await stack.api.get('/api/v1/admin/pipeline', admin);
  t.equal(view.status, 200);
  const m = (view.body.services as { service: string; consumers: Lag[] }[]).find((s) => s.service === 'matching');
  t.equal(m?.consumers.find((c) => c.consumer === 'read-model' && c.topic === TOPICS.worker)?.events, 3);
  t.ok(view.body.eventsBehind >= 3);
  t.equal((await stack.api.get('/api/v1/admin/pipeline', officer)).status, 403, 'administrators only');

  // Answers from the read model say how fresh they are (issue 16 item 2): behind by the three events.
  const search = await stack.api.request('GET', `/api/v1/search/openings?q=${encodeURIComponent('焊工')}`);
  t.equal(search.status, 200);
  t.match(
    search.headers.get('tongxin-data-freshness'),
    kafka ? /^events-behind=3(, seconds-behind=[0-9.]+)?$/ : /^events-behind=3, seconds-behind=[0-9.]+$/,
    'search states how far behind its read model is',
  );

  // A worker matching does not know yet, while it is behind: 503 saying so, not a bare 404.
  const early = await stack.api.get(`/api/v1/workers/${ids[0]}/matches`, officer);
  t.equal(early.status, 503);
  t.equal(early.body.code, 'MATCHING_NOT_YET_KNOWN');
  t.equal(early.headers.get('retry-after'), '2');
  t.equal(early.body.freshness.eventsBehind, 3);
  t.match(early.body.detail, /匹配服务正在同步/);
  const english = await stack.api.request('GET', `/api/v1/workers/${ids[0]}/matches`, {
    token: officer,
    headers: { 'accept-language': 'en' },
  });
  t.match(english.body.detail, /matching does not know worker .* yet: it is 3 registry events behind/);
  t.equal(
    (await stack.api.get(`/api/v1/workers/${ids[0]}/matches`, await stack.login('officer.songyan'))).status,
    503,
    'no more said to an officer elsewhere than that matching is behind',
  );

  // Resumed: the lag drains to 0 and the worker's matches answer.
  await runtime.resumeConsumer('read-model');
  await eventually('matching caught up again', async () => (await readModelLag(matching)).events === 0, 60_000);
  t.same((await readModelLag(matching)).secondsBehind, 0);
  const known = await stack.api.get(`/api/v1/workers/${ids[0]}/matches`, officer);
  t.equal(known.status, 200);
  await eventually(
    'the freshness header at 0 (the lag is cached for 500 ms)',
    async () =>
      (await stack.api.get(`/api/v1/workers/${ids[0]}/matches`, officer)).headers.get('tongxin-data-freshness') ===
      'events-behind=0, seconds-behind=0',
    10_000,
  );
  const unknown = await stack.api.get('/api/v1/workers/00000000-0000-4000-8000-000000000000/matches', officer);
  t.equal(unknown.status, 404, 'caught up, an unknown worker is simply not found');

  // Asked the moment a registration answers, with matching's shared lag still reading 0 from the answer
  // just before: the event is on the bus when the answer goes out, and the unknown worker's lag is read
  // afresh, so the answer is 503, never a bare 404 for a worker who exists (issue 16's done-when).
  await runtime.pauseConsumer('read-model');
  t.equal((await stack.api.get(`/api/v1/workers/${ids[0]}/matches`, officer)).status, 200, 'the lag read as 0');
  const fresh = await stack.api.post('/api/v1/workers', workerInput(), officer);
  t.equal(fresh.status, 201);
  const asked = await stack.api.get(`/api/v1/workers/${fresh.body.id as string}/matches`, officer);
  t.equal(asked.status, 503, 'the moment after its registration: catching up, not 404');
  t.equal(asked.body.freshness?.eventsBehind, 1);
  await runtime.resumeConsumer('read-model');
  await eventually(
    'the new worker known',
    async () => (await stack.api.get(`/api/v1/workers/${fresh.body.id as string}/matches`, officer)).status === 200,
    60_000,
  );
}

t.test('lag in /ready and the admin view; matching says it is catching up', async (t) => {
  const stack = await startStack({ services: ['worker-profile', 'matching'] });
  t.teardown(() => stack.stop());
  await scenario(t, stack, testEnvironment().kafka);
});

t.test('the same on Kafka', async (t) => {
  if (!runsWith(t, 'kafka')) return;
  if (testEnvironment().kafka) return t.pass('the test above ran on Kafka already');
  const stack = await startStack({
    services: ['worker-profile', 'matching'],
    env: { ...testEnvironment(), kafka: true },
  });
  t.teardown(() => stack.stop());
  await scenario(t, stack, true);
});
