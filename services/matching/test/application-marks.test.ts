import { randomUUID } from 'node:crypto';
import type { ApplicationSnapshot } from '@tongxin/events';
import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { eventually, testPublisher } from './bus.ts';
import { employer, employerEvent, event, opening, openingEvent, worker, workerEvent } from './fixtures.ts';
import type { OpeningSnapshot, WorkerSnapshot } from '../src/domain/snapshots.ts';

/**
 * Issue 17, feedback: matching learns the workers' applications from placement's events on the real
 * bus, marks the openings applied (with the status) and referred in the worker's matches and searches,
 * lifts an open referral a little in the worker's matches only, and leaves every candidate list alone.
 */
let stack: Stack;
let bus: Awaited<ReturnType<typeof testPublisher>>;
let admin: string;

t.before(async () => {
  stack = await startStack({ services: ['matching'] });
  bus = await testPublisher(stack.settings);
  admin = await stack.login('admin');
});
t.teardown(async () => {
  await bus?.close();
  await stack?.stop();
});

interface Match {
  openingId: string;
  applied: boolean;
  applicationStatus?: string;
  referred: boolean;
  score: number;
  explanation: { parts: Record<string, number> };
}

const matches = async (workerId: string, token = admin): Promise<Match[]> => {
  const r = await stack.api.get(`/api/v1/workers/${workerId}/matches?limit=50`, token);
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body.items;
};
const byId = (items: Match[], id: string) => items.find((m) => m.openingId === id);

async function workerToken(workerId: string): Promise<string> {
  const username = `worker.${Math.random().toString(36).slice(2, 10)}`;
  const r = await stack.api.post(
    '/api/v1/accounts',
    { username, password: 'secret-pass-1', role: 'worker', displayName: username, workerId },
    admin,
  );
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return stack.login(username, 'secret-pass-1');
}

function application(
  w: WorkerSnapshot,
  o: OpeningSnapshot,
  at: string,
  overrides: Partial<ApplicationSnapshot> = {},
): ApplicationSnapshot {
  return {
    id: randomUUID(),
    workerId: w.id,
    openingId: o.id,
    employerId: o.employerId,
    status: 'submitted',
    homeVillageCode: w.homeVillageCode,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
const submitted = (a: ApplicationSnapshot) => event('application.submitted', a.id, { application: a });
const moved = (a: ApplicationSnapshot, from: ApplicationSnapshot['status'], updatedAt: string) =>
  event('application.status-changed', a.id, {
    application: { ...a, updatedAt },
    from,
    to: a.status,
    by: 'someone',
  });

const SAME_TIME = '2026-11-30T08:00:00.000Z';
const forklift = (e: ReturnType<typeof employer>) =>
  opening(e, {
    title: '叉车司机',
    occupationCode: 'tra.forklift',
    requiredSkills: [{ code: 'tra.forklift', minLevel: 1, certificateRequired: false }],
    publishedAt: SAME_TIME,
  });

t.test(
  `applications on the bus mark the worker's matches: applied with status, referred, withdrawn kept (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    // Alike openings of two employers: the referred one has the larger id, so only its lift can put it first.
    const [e1, e2, e3] = [employer(), employer(), employer()];
    const pair = [forklift(e1), forklift(e2)].sort((a, b) => a.id.localeCompare(b.id));
    const [plainOpening, referredOpening] = pair as [OpeningSnapshot, OpeningSnapshot];
    const appliedOpening = forklift(e3);
    const w = worker({ skills: [{ code: 'tra.forklift', level: 2 }] });
    await bus.publish(
      ...[e1, e2, e3].map((e) => employerEvent(e)),
      ...[plainOpening, referredOpening, appliedOpening].map((o) => openingEvent(o)),
      workerEvent(w),
    );
    const before = await eventually(async () => {
      const items = await matches(w.id).catch(() => []);
      return items.length === 3 ? items : undefined;
    }, 'three forklift matches');
    const at = (items: Match[], id: string) => items.findIndex((m) => m.openingId === id);
    t.ok(at(before, plainOpening.id) < at(before, referredOpening.id), 'alike openings: id order before any referral');
    t.ok(
      before.every((m) => m.applied === false && m.referred === false && !('applicationStatus' in m)),
      'nothing marked yet',
    );
    const baseScore = byId(before, referredOpening.id)!.score;

    const own = application(w, appliedOpening, '2026-12-01T01:00:00.000Z');
    const referral = application(w, referredOpening, '2026-12-01T02:00:00.000Z', { referredBy: 'officer-sub-1' });
    await bus.publish(submitted(own), submitted(referral));
    const marked = await eventually(async () => {
      const items = await matches(w.id);
      return byId(items, own.openingId)?.applied && byId(items, referral.openingId)?.referred ? items : undefined;
    }, 'both marks');
    t.match(byId(marked, appliedOpening.id), { applied: true, applicationStatus: 'submitted', referred: false });
    t.notOk('referred' in byId(marked, appliedOpening.id)!.explanation.parts, 'an own application earns no lift');
    const referredMatch = byId(marked, referredOpening.id)!;
    t.match(referredMatch, { applied: true, applicationStatus: 'submitted', referred: true });
    t.notOk(JSON.stringify(referredMatch).includes('officer-sub-1'), 'the officer is not named to the worker');
    t.equal(referredMatch.explanation.parts.referred, 0.03, 'the explanation says officer referred, and by how much');
    t.equal(Math.round((referredMatch.score - baseScore) * 1000), 30, 'a small lift');
    t.ok(at(marked, referredOpening.id) < at(marked, plainOpening.id), 'the referred opening rises above its twin');
    t.match(byId(marked, plainOpening.id), { applied: false, referred: false });

    // The worker sees the same on their own matches and in their searches; an anonymous search has no marks.
    const self = await workerToken(w.id);
    t.match(byId(await matches(w.id, self), referredOpening.id), { applied: true, referred: true });
    const search = await stack.api.get(`/api/v1/search/openings?occupation=tra.forklift&limit=100`, self);
    t.equal(search.status, 200);
    const hit = (id: string) => search.body.items.find((h: { id: string }) => h.id === id);
    t.match(hit(referredOpening.id), { applied: true, applicationStatus: 'submitted', referred: true });
    t.match(hit(appliedOpening.id), { applied: true, referred: false });
    t.match(hit(plainOpening.id), { applied: false, referred: false });
    const anonymous = await stack.api.get(`/api/v1/search/openings?occupation=tra.forklift&limit=100`);
    const anonHit = anonymous.body.items.find((h: { id: string }) => h.id === referredOpening.id);
    t.ok(anonHit && !('applied' in anonHit) && !('referred' in anonHit), 'no marks for an anonymous search');

    // Withdrawn: still marked (status withdrawn) and still referred, but no longer lifted. A late,
    // older event of the same application (redelivered out of order) changes nothing.
    const withdrawn = { ...referral, status: 'withdrawn' as const };
    await bus.publish(moved(withdrawn, 'submitted', '2026-12-01T03:00:00.000Z'));
    const after = await eventually(async () => {
      const m = byId(await matches(w.id), referredOpening.id);
      return m?.applicationStatus === 'withdrawn' ? m : undefined;
    }, 'withdrawn');
    t.match(after, { applied: true, applicationStatus: 'withdrawn', referred: true });
    t.notOk('referred' in after.explanation.parts, 'a withdrawn referral lifts nothing');
    const stale = { ...referral, status: 'screening' as const };
    await bus.publish(moved(stale, 'submitted', '2026-12-01T02:30:00.000Z'), submitted(referral));
    // A marker after the stale events under the same key (one partition, in order): once matching
    // shows it, the stale events have been applied too.
    const marker = application(w, plainOpening, '2026-12-01T04:00:00.000Z', { id: referral.id });
    await bus.publish(submitted(marker));
    const settled = await eventually(async () => {
      const items = await matches(w.id);
      return byId(items, plainOpening.id)?.applied ? items : undefined;
    }, 'marker applied');
    t.match(
      byId(settled, referredOpening.id),
      { applicationStatus: 'withdrawn', referred: true },
      'older news is ignored',
    );
  },
);

t.test(
  "a referral never moves a registered-poor or relocated worker's place among an opening's candidates",
  async (t) => {
    const e = employer();
    const o = opening(e, {
      title: '装载机司机',
      occupationCode: 'tra.loader',
      requiredSkills: [{ code: 'tra.loader', minLevel: 1, certificateRequired: false }],
    });
    const skill = [{ code: 'tra.loader', level: 2 }];
    const plain = worker({ skills: skill });
    const poor = worker({ skills: skill, householdStatus: 'registered_poor' });
    const relocated = worker({ skills: skill, relocated: true });
    await bus.publish(employerEvent(e), openingEvent(o), ...[plain, poor, relocated].map((w) => workerEvent(w)));
    const candidates = async () =>
      (await stack.api.get(`/api/v1/openings/${o.id}/candidates?limit=50`, admin)).body as {
        items: { workerId: string; score: number; explanation: { parts: Record<string, number> } }[];
      };
    const before = await eventually(async () => {
      const c = await candidates();
      return c.items.length === 3 ? c : undefined;
    }, 'three candidates');
    t.equal(before.items[2]!.workerId, plain.id, 'the plain worker after the priority workers');

    const referral = application(plain, o, new Date().toISOString(), { referredBy: 'officer-sub-2' });
    await bus.publish(submitted(referral));
    await eventually(async () => byId(await matches(plain.id), o.id)?.referred, 'the referral is known');
    const after = await candidates();
    t.same(after, before, 'the same candidates, order, scores and explanations');
  },
);

t.test('applications not yet applied make the answers say they are behind', async (t) => {
  const e = employer();
  const o = forklift(e);
  const w = worker({ skills: [{ code: 'tra.forklift', level: 2 }] });
  await bus.publish(employerEvent(e), openingEvent(o), workerEvent(w));
  await eventually(async () => byId(await matches(w.id).catch(() => []), o.id), 'the match');
  const freshness = async () =>
    (await stack.api.get(`/api/v1/workers/${w.id}/matches`, admin)).headers.get('tongxin-data-freshness');
  await eventually(async () => (await freshness()) === 'events-behind=0, seconds-behind=0' || undefined, 'caught up');

  const runtime = stack.services.matching!.serviceRuntime!;
  await runtime.pauseConsumer('applications');
  t.teardown(() => runtime.resumeConsumer('applications').catch(() => undefined));
  await bus.publish(submitted(application(w, o, new Date().toISOString())));
  const behind = await eventually(
    async () => ((await freshness()) ?? '').match(/^events-behind=([1-9]\d*)/)?.[1],
    'the application counted as behind',
  );
  t.ok(Number(behind) >= 1, `events-behind=${behind} while the application waits`);
  t.notOk(byId(await matches(w.id), o.id)?.applied, 'not marked yet, and the header says why');

  await runtime.resumeConsumer('applications');
  await eventually(async () => byId(await matches(w.id), o.id)?.applied, 'marked once resumed');
  await eventually(async () => (await freshness()) === 'events-behind=0, seconds-behind=0' || undefined, 'fresh again');
});
