import { randomUUID } from 'node:crypto';
import { type CloudEvent, EventSchemas, createEvent } from '@tongxin/events';
import { type Stack, type StackBus, stackBus, startStack } from '@tongxin/test-harness';
import { loadTaxonomy } from '@tongxin/taxonomy';
import t from 'tap';
import { MatchStore } from '../src/domain/match-store.ts';
import { workersAboveThreshold } from '../src/domain/rank.ts';
import { eventually, testPublisher } from './bus.ts';
import { employer, employerEvent, opening, openingEvent, worker, workerEvent } from './fixtures.ts';

/** Issue 15: a newly published opening announced to its matching workers and to the saved searches it answers. */
let stack: Stack;
let bus: Awaited<ReturnType<typeof testPublisher>>;
let listener: StackBus;
let admin: string;
const heard: CloudEvent[] = [];

t.before(async () => {
  stack = await startStack({ services: ['matching'] });
  bus = await testPublisher(stack.settings);
  listener = await stackBus(stack.settings, 'alerts-listener');
  await listener.bus.subscribe({
    groupId: 'alerts-test',
    topics: ['tongxin.opening'],
    fromBeginning: true,
    handler: async (event) => {
      heard.push(event);
    },
  });
  admin = await stack.login('admin');
});
t.teardown(async () => {
  await listener?.close();
  await bus?.close();
  await stack?.stop();
});

const heardOf = (type: string, subject: string) => heard.filter((e) => e.type === type && e.subject === subject);

async function workerAccount(workerId: string): Promise<string> {
  const username = `worker.${Math.random().toString(36).slice(2, 10)}`;
  const r = await stack.api.post(
    '/api/v1/accounts',
    { username, password: 'secret-pass-1', role: 'worker', displayName: username, workerId },
    admin,
  );
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return stack.login(username, 'secret-pass-1');
}

t.test(
  'a new opening is announced once to the workers it fits well, and to the saved searches it answers',
  async (t) => {
    const e = employer();
    const welder = worker({ skills: [{ code: 'con.welder', level: 3 }], tierPreferences: ['in_county'] });
    // Below the level asked, in the second tier: at most 0.39 + 0.12 + 0.1 + 0.04 = 0.65.
    const novice = worker({
      skills: [{ code: 'con.welder', level: 1 }],
      tierPreferences: ['in_province', 'in_county'],
    });
    const elsewhere = worker({ skills: [{ code: 'con.welder', level: 3 }], tierPreferences: ['out_of_province'] });
    const busy = worker({ skills: [{ code: 'con.welder', level: 3 }], employmentStatus: 'employed' });
    const cook = worker({ skills: [{ code: 'svc.cook', level: 3 }] });
    await bus.publish(employerEvent(e), ...[welder, novice, elsewhere, busy, cook].map((w) => workerEvent(w)));
    await eventually(
      async () => (await stack.api.get(`/api/v1/workers/${cook.id}/matches`, admin)).status === 200,
      'workers known',
    );

    const token = await workerAccount(welder.id);
    const saved = await stack.api.post('/api/v1/saved-searches', { q: '电焊', tier: 'in_county' }, token);
    t.equal(saved.status, 201, JSON.stringify(saved.body));
    t.match(saved.body, { workerId: welder.id, name: '电焊', q: '电焊', filters: { tier: 'in_county' } });
    const again = await stack.api.post('/api/v1/saved-searches', { tier: 'in_county', q: '电焊' }, token);
    t.equal(again.body.id, saved.body.id, 'saving the same search again keeps one');
    const far = await stack.api.post('/api/v1/saved-searches', { name: '外省', tier: 'out_of_province' }, token);
    t.equal(far.status, 201);
    const bad = await stack.api.post('/api/v1/saved-searches', { occupation: '不存在的工种' }, token);
    t.equal(bad.status, 400);
    t.equal(bad.body.errors[0].field, 'occupation');
    t.equal(
      (await stack.api.post('/api/v1/saved-searches', { q: '电焊' }, admin)).status,
      403,
      'saved searches are workers',
    );
    const list = await stack.api.get('/api/v1/saved-searches', token);
    t.same(
      list.body.items.map((s: { id: string }) => s.id),
      [saved.body.id, far.body.id],
      'only what was kept, nothing of the refused',
    );

    const o = opening(e);
    await bus.publish(openingEvent(o));
    const alert = await eventually(async () => heardOf('opening.matched', o.id)[0], 'opening.matched');
    const data = alert.data as { matches: { workerId: string; score: number }[]; employerId: string; title: string };
    t.match(data, { openingId: o.id, employerId: e.id, title: '电焊工' });
    const ids = data.matches.map((m) => m.workerId);
    t.ok(ids.includes(welder.id), 'the skilled worker of the tier is told');
    t.notOk(ids.includes(elsewhere.id), 'a tier the worker does not accept is never matched');
    t.notOk(ids.includes(busy.id), 'an employed worker is no candidate');
    t.notOk(ids.includes(cook.id), 'no skill relation, no alert');
    t.notOk(ids.includes(novice.id), 'below the threshold');
    t.ok(
      data.matches.every((m, i) => m.score >= 0.7 && (i === 0 || data.matches[i - 1]!.score >= m.score)),
      'at or above the threshold, best first',
    );
    const found = await eventually(
      async () => heardOf('saved-search.matched', saved.body.id)[0],
      'saved-search.matched',
    );
    t.match(found.data, { savedSearchId: saved.body.id, workerId: welder.id, openingIds: [o.id] });

    // Paused and published again: matching hears opening.published a second time, and announces nothing new.
    await bus.publish(openingEvent({ ...o, status: 'paused', version: 2 }, 'opening.paused'));
    await bus.publish(openingEvent({ ...o, version: 3 }));
    const marker = opening(e, {
      title: '钢筋工',
      requiredSkills: [{ code: 'con.welder', minLevel: 1, certificateRequired: false }],
    });
    await bus.publish(openingEvent(marker));
    await eventually(async () => heardOf('opening.matched', marker.id)[0], 'the next opening');
    t.equal(heardOf('opening.matched', o.id).length, 1, 'one opening.matched per opening');
    const toldOf = (id: string) =>
      heardOf('saved-search.matched', saved.body.id).filter((x) =>
        (x.data as { openingIds: string[] }).openingIds.includes(id),
      ).length;
    t.equal(toldOf(o.id), 1, 'a saved search hears of an opening once');
    await eventually(async () => toldOf(marker.id) === 1, 'the next opening answers the search too');
    t.equal(heardOf('saved-search.matched', far.body.id).length, 0, 'a saved search it does not answer hears nothing');

    t.equal(
      (await stack.api.request('DELETE', `/api/v1/saved-searches/${randomUUID()}`, { token: token })).status,
      404,
    );
    t.equal((await stack.api.request('DELETE', `/api/v1/saved-searches/${far.body.id}`, { token: token })).status, 204);
    t.equal(
      (await stack.api.request('DELETE', `/api/v1/saved-searches/${far.body.id}`, { token: token })).status,
      404,
      'gone',
    );
    const other = await workerAccount(cook.id);
    t.equal(
      (await stack.api.request('DELETE', `/api/v1/saved-searches/${saved.body.id}`, { token: other })).status,
      404,
      "not another's",
    );
    t.equal((await stack.api.get('/api/v1/saved-searches', other)).body.items.length, 0);
  },
);

t.test('ten thousand matches: ranked and their event checked against its contract quickly', async (t) => {
  const store = new MatchStore(loadTaxonomy());
  const e = employer();
  store.putEmployer(e);
  for (let i = 0; i < 12_000; i++) {
    store.putWorker(worker({ skills: [{ code: 'con.welder', level: 3 }], tierPreferences: ['in_county'] }));
  }
  const o = store.putOpening(opening(e));
  const started = performance.now();
  const { matches, total } = workersAboveThreshold(store, o, 0.7, 10_000, new Date());
  const ranked = performance.now() - started;
  t.equal(total, 12_000);
  t.equal(matches.length, 10_000, 'capped');
  const event = createEvent({
    type: 'opening.matched',
    source: '/tongxin/matching',
    subject: o.snap.id,
    data: { openingId: o.snap.id, employerId: e.id, title: o.snap.title, truncated: true, matches },
  });
  const schemas = new EventSchemas();
  schemas.validate(createEvent({ ...event, data: { ...event.data, matches: matches.slice(0, 1) } }));
  const checked = performance.now();
  schemas.validate(event);
  t.comment(
    `ranked 12,000 workers in ${ranked.toFixed(1)} ms; contract check of 10,000 matches ${(performance.now() - checked).toFixed(1)} ms`,
  );
});
