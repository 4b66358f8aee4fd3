import { createLogger, loadConfig } from '@tongxin/service-platform';
import { type Stack, startStack } from '@tongxin/test-harness';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { buildWorkerProfile } from '../src/app.ts';
import { SCHEMA, WorkerProfileConfig } from '../src/config.ts';
import { workerInput } from './fixtures.ts';

// 2026-12-01 17:30 UTC is 2026-12-02 01:30 in the county.
const clock = () => new Date('2026-12-01T17:30:00Z');

let stack: Stack;
let pinned: FastifyInstance;
let officer: string;
let workerId: string;
t.before(async () => {
  stack = await startStack({ services: ['worker-profile'] });
  officer = await stack.login('officer.yixing');
  const created = await stack.api.post('/api/v1/workers', workerInput(), officer);
  workerId = created.body.id;
  // An instance of the service on the same database whose clock reads county night time.
  pinned = await buildWorkerProfile(
    { ...loadConfig(WorkerProfileConfig, stack.settings), SCHEMA },
    createLogger('worker-profile-pinned', 'silent'),
    { clock },
  );
});
t.teardown(async () => {
  await pinned?.close();
  await stack?.stop();
});

const post = (url: string, payload: Record<string, unknown>) =>
  pinned.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${officer}` } });

t.test('at 01:30 in the county, today is the county date, not the UTC one', async (t) => {
  const today = await post(`/api/v1/workers/${workerId}/services`, {
    service: 'information',
    date: '2026-12-02',
    channel: 'visit',
  });
  t.equal(today.statusCode, 201, `a service dated the county's today is accepted: ${today.body}`);
  const tomorrow = await post(`/api/v1/workers/${workerId}/services`, {
    service: 'information',
    date: '2026-12-03',
    channel: 'visit',
  });
  t.equal(tomorrow.statusCode, 400, 'the county’s tomorrow is in the future');
  t.match(tomorrow.json(), { code: 'VALIDATION_FAILED', errors: [{ field: 'date', message: '晚于今天' }] });
});
