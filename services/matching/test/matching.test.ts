import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import pino from 'pino';
import t from 'tap';
import { eventually, testPublisher } from './bus.ts';
import {
  batchEvent,
  course,
  courseEvent,
  employer,
  employerEvent,
  event,
  opening,
  openingEvent,
  worker,
  workerEvent,
} from './fixtures.ts';

let stack: Stack;
let bus: Awaited<ReturnType<typeof testPublisher>>;
let admin: string;
let officer: string;
let otherOfficer: string;

t.before(async () => {
  stack = await startStack({ services: ['matching'] });
  bus = await testPublisher(stack.settings);
  [admin, officer, otherOfficer] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
});
t.teardown(async () => {
  await bus?.close();
  await stack?.stop();
});

const matches = (workerId: string, token: string, limit = 50) =>
  stack.api.get(`/api/v1/workers/${workerId}/matches?limit=${limit}`, token);
const candidates = (openingId: string, token: string, limit = 50) =>
  stack.api.get(`/api/v1/openings/${openingId}/candidates?limit=${limit}`, token);
const ids = (body: { items: { openingId?: string; workerId?: string }[] }) =>
  body.items.map((i) => i.openingId ?? i.workerId);

/** Waits until the worker's matches satisfy `check`. */
const matchesUntil = (workerId: string, check: (openingIds: string[]) => boolean, what: string) =>
  eventually(async () => {
    const r = await matches(workerId, admin);
    return r.status === 200 && check(ids(r.body) as string[]) ? r.body : undefined;
  }, what);

async function account(role: 'worker' | 'employer', link: { workerId?: string; employerId?: string }): Promise<string> {
  const username = `${role}.${Math.random().toString(36).slice(2, 10)}`;
  const r = await stack.api.post(
    '/api/v1/accounts',
    { username, password: 'secret-pass-1', role, displayName: username, ...link },
    admin,
  );
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return stack.login(username, 'secret-pass-1');
}

t.test(`skill typeahead: Chinese, synonyms, English, pinyin (${describeEnvironment(testEnvironment())})`, async (t) => {
  for (const [q, code] of [
    ['挖机', 'con.excavator'],
    ['挖掘机', 'con.excavator'],
    ['wajueji', 'con.excavator'],
    ['wjj', 'con.excavator'],
    ['excavator', 'con.excavator'],
    ['电焊', 'con.welder'],
    ['dianhan', 'con.welder'],
    ['月嫂', 'dom.maternity'],
  ] as const) {
    const r = await stack.api.get(`/api/v1/taxonomy/skills?q=${encodeURIComponent(q)}`);
    t.equal(r.status, 200, q);
    t.equal(r.body.items[0]?.code, code, `${q} → ${code}`);
  }
  const r = await stack.api.get('/api/v1/taxonomy/skills?q=%E6%8C%96%E6%9C%BA&limit=1');
  t.match(r.body.items[0], { code: 'con.excavator', nameZh: '挖掘机驾驶员', related: ['tra.loader'] });
  t.equal(r.body.items.length, 1);
  const bad = await stack.api.get('/api/v1/taxonomy/skills');
  t.equal(bad.status, 400);
  t.match(bad.headers.get('content-type'), /application\/problem\+json/);
  t.ok(
    bad.body.errors.some((e: { field: string }) => e.field === 'q'),
    'names q',
  );
});

t.test('matches keep every hard constraint and rank by the principles', async (t) => {
  const verified = employer();
  const pending = employer({ status: 'pending' });
  const w = worker({
    householdStatus: 'registered_poor',
    skills: [{ code: 'con.welder', level: 3, certificateNo: 'T1407001' }],
    tierPreferences: ['in_province', 'in_county'],
    expectedMinWage: 5500,
  });
  const plain = worker({
    skills: [{ code: 'con.welder', level: 3, certificateNo: 'T1407002' }],
    tierPreferences: ['in_province', 'in_county'],
  });
  const best = opening(verified, {
    tier: 'in_province',
    wageMin: 6000,
    wageMax: 8000,
    requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: true }],
  });
  const secondTier = opening(verified, { tier: 'in_county', wageMin: 6000, wageMax: 8000 });
  const related = opening(verified, {
    title: '钢筋工',
    occupationCode: 'con.rebar',
    tier: 'in_province',
    wageMin: 6000,
    wageMax: 8000,
    requiredSkills: [{ code: 'con.rebar', minLevel: 2, certificateRequired: false }],
  });
  const outOfProvince = opening(verified, { tier: 'out_of_province', wageMin: 9000, wageMax: 12000 });
  const unverified = opening(pending, { tier: 'in_province' });
  const full = opening(verified, { tier: 'in_province', headcount: 5, filledCount: 5 });
  const paused = opening(verified, { tier: 'in_province', status: 'paused' });
  const closedByDate = opening(verified, { tier: 'in_province', closingDate: '2020-01-01' });
  const reserved = opening(verified, { tier: 'in_county', reservedForPoor: true, wageMin: 6000, wageMax: 8000 });
  const synonym = opening(verified, {
    title: '电焊工（同义词）',
    tier: 'in_county',
    wageMin: 6000,
    wageMax: 8000,
    requiredSkills: [{ code: '电焊工', minLevel: 2, certificateRequired: false }],
  });
  await bus.publish(
    employerEvent(verified),
    employerEvent(pending, 'employer.registered'),
    ...[best, secondTier, related, outOfProvince, unverified, full, paused, closedByDate, reserved, synonym].map((o) =>
      openingEvent(o),
    ),
    workerEvent(w),
    workerEvent(plain),
  );
  const body = await matchesUntil(
    w.id,
    (x) => x.includes(best.id) && x.includes(related.id) && x.includes(reserved.id) && x.includes(synonym.id),
    'matches of w',
  );
  const got = ids(body);
  for (const excluded of [outOfProvince, unverified, full, paused, closedByDate])
    t.notOk(got.includes(excluded.id), `excluded: ${excluded.id}`);
  t.equal(got[0], best.id, 'full skill fit in the first-choice tier comes first');
  t.ok(
    got.indexOf(related.id) > got.indexOf(secondTier.id),
    'a related skill ranks below a full fit in the second tier',
  );
  t.ok(
    got.indexOf(reserved.id) < got.indexOf(secondTier.id),
    'a 帮扶岗位 ranks first among equals for a registered-poor worker',
  );
  const top = body.items[0];
  t.match(top, {
    openingId: best.id,
    explanation: {
      fit: true,
      matchedSkills: ['con.welder'],
      missingSkills: [],
      needsCertificate: [],
      tier: 'in_province',
      tierRank: 1,
      wageFit: 'above_expectation',
      priority: ['registered_poor'],
      parts: { skills: Number, tier: Number, wage: Number, priority: Number },
    },
  });
  t.ok(top.score > 0 && top.score <= 1);
  const rel = body.items.find((i: { openingId: string }) => i.openingId === related.id);
  t.match(rel.explanation, {
    missingSkills: ['con.rebar'],
    partialSkills: [{ code: 'con.rebar', via: 'related', held: 'con.welder' }],
  });
  const syn = body.items.find((i: { openingId: string }) => i.openingId === synonym.id);
  t.same(syn.explanation.matchedSkills, ['con.welder'], 'a synonym in the opening resolves through the taxonomy');

  const others = await matchesUntil(plain.id, (x) => x.includes(best.id), 'matches of plain');
  t.notOk(ids(others).includes(reserved.id), 'a 帮扶岗位 is never offered to a worker neither poor nor relocated');

  // Changes arrive as events: filled, then the employer suspended.
  await bus.publish(openingEvent({ ...best, filledCount: 10, status: 'filled', version: 2 }, 'opening.filled'));
  await matchesUntil(w.id, (x) => !x.includes(best.id), 'filled opening gone');
  await bus.publish(employerEvent({ ...verified, status: 'suspended', version: 2 }, 'employer.suspended'));
  await matchesUntil(w.id, (x) => x.length === 0, 'suspended employer gone');
  // A stale snapshot (older version) changes nothing.
  await bus.publish(
    openingEvent({ ...best, version: 1 }, 'opening.updated'),
    employerEvent({ ...verified, version: 1 }),
  );
  await bus.publish(employerEvent({ ...verified, status: 'verified', version: 3 }));
  const back = await matchesUntil(w.id, (x) => x.includes(secondTier.id), 'employer verified again');
  t.notOk(ids(back).includes(best.id), 'the filled opening stays filled after a stale replay');
});

t.test('a missing certificate is never a fit: flagged after every fit, with the course that gives it', async (t) => {
  const e = employer();
  const electrician = worker({
    skills: [
      { code: 'con.electrician', level: 3 },
      { code: 'con.plumber', level: 3 },
    ],
  });
  const needsCert = opening(e, {
    title: '电工',
    occupationCode: 'con.electrician',
    wageMin: 9000,
    wageMax: 9000,
    requiredSkills: [{ code: 'con.electrician', minLevel: 2, certificateRequired: true }],
  });
  const plumber = opening(e, {
    title: '水暖工',
    occupationCode: 'con.plumber',
    wageMin: 3000,
    wageMax: 3500,
    requiredSkills: [{ code: 'con.plumber', minLevel: 2, certificateRequired: false }],
  });
  const c = course();
  await bus.publish(
    employerEvent(e),
    openingEvent(needsCert),
    openingEvent(plumber),
    courseEvent(c),
    batchEvent(c.id, '2099-03-01'),
    workerEvent(electrician),
  );
  const body = await matchesUntil(
    electrician.id,
    (x) => x.includes(needsCert.id) && x.includes(plumber.id),
    'electrician matches',
  );
  await eventually(async () => {
    const r = await matches(electrician.id, admin);
    // The course and its batch are separate aggregates: they may arrive in either order.
    return r.body.items.at(-1)?.explanation.certificateCourses?.[0]?.nextBatch ? r.body : undefined;
  }, 'course and its next batch attached');
  const r = await matches(electrician.id, admin);
  t.same(ids(r.body), [plumber.id, needsCert.id], 'the fit first, however well the other pays');
  const flagged = r.body.items[1];
  t.match(flagged.explanation, {
    fit: false,
    needsCertificate: ['con.electrician'],
    certificateCourses: [
      { courseId: c.id, certificateName: c.certificateName, nextBatch: { startDate: '2099-03-01' } },
    ],
  });
  t.ok(body);

  // Training completes: the skill now carries a certificate, and the opening becomes a fit.
  await bus.publish(
    workerEvent(
      {
        ...electrician,
        skills: [
          { code: 'con.electrician', level: 3, certificateNo: 'DG-1' },
          { code: 'con.plumber', level: 3 },
        ],
        version: 2,
      },
      'worker.updated',
    ),
  );
  await eventually(async () => {
    const x = await matches(electrician.id, admin);
    return x.body.items[0]?.openingId === needsCert.id && x.body.items[0].explanation.fit === true;
  }, 'certified worker matched');
  await bus.publish(
    event('worker.skills-changed', electrician.id, {
      workerId: electrician.id,
      skills: [],
      previous: [],
      reason: 'edited',
    }),
  );
  await eventually(async () => (await matches(electrician.id, admin)).body.items.length === 0, 'skills removed');
});

t.test(
  'candidates: seeking workers, registered-poor and relocated first when fit is equal, officers see their villages',
  async (t) => {
    const e = employer();
    const o = opening(e, {
      title: '挖掘机司机',
      occupationCode: 'con.excavator',
      requiredSkills: [{ code: 'con.excavator', minLevel: 2, certificateRequired: false }],
    });
    const reservedOpening = opening(e, {
      title: '帮扶岗位 挖机',
      occupationCode: 'con.excavator',
      reservedForPoor: true,
      requiredSkills: [{ code: 'con.excavator', minLevel: 2, certificateRequired: false }],
    });
    const skill = [{ code: 'con.excavator', level: 3 }];
    const plain = worker({ skills: skill });
    const poor = worker({ skills: skill, householdStatus: 'registered_poor' });
    const relocated = worker({ skills: skill, relocated: true, homeVillageCode: '140723102201' });
    const employed = worker({ skills: skill, employmentStatus: 'employed' });
    const refusesTier = worker({ skills: skill, tierPreferences: ['out_of_province'] });
    const weaker = worker({ skills: [{ code: 'con.excavator', level: 1 }], householdStatus: 'registered_poor' });
    const viaRelated = worker({ skills: [{ code: 'tra.loader', level: 3 }] });
    await bus.publish(
      employerEvent(e),
      openingEvent(o),
      openingEvent(reservedOpening),
      ...[plain, poor, relocated, employed, refusesTier, weaker, viaRelated].map((w) => workerEvent(w)),
    );

    const body = await eventually(async () => {
      const r = await candidates(o.id, admin);
      return r.status === 200 && r.body.items.length === 5 ? r.body : undefined;
    }, 'five candidates');
    const order = ids(body);
    t.same(
      new Set(order.slice(0, 2)),
      new Set([poor.id, relocated.id]),
      'registered-poor and relocated before an equal plain worker',
    );
    t.equal(order[2], plain.id);
    t.same(order.slice(3), [weaker.id, viaRelated.id], 'lower level, then a related skill');
    t.notOk(order.includes(employed.id), 'employed workers are not candidates');
    t.notOk(order.includes(refusesTier.id), 'a worker who refuses the tier is not a candidate');
    t.match(body.items[0], {
      score: Number,
      explanation: { matchedSkills: ['con.excavator'], tier: 'in_county', tierRank: 1, parts: { skills: 0.6 } },
      worker: { name: String },
    });

    const reservedBody = await eventually(async () => {
      const r = await candidates(reservedOpening.id, admin);
      return r.status === 200 && r.body.items.length > 0 ? r.body : undefined;
    }, 'reserved candidates');
    t.same(
      new Set(ids(reservedBody)),
      new Set([poor.id, relocated.id, weaker.id]),
      'a 帮扶岗位 only for registered-poor or relocated workers',
    );

    const yixing = await candidates(o.id, officer);
    t.equal(yixing.status, 200);
    t.notOk(ids(yixing.body).includes(relocated.id), 'the 义兴镇 officer does not see a 松烟镇 worker');
    t.ok(ids(yixing.body).includes(poor.id));
    const songyan = await candidates(o.id, otherOfficer);
    t.same(ids(songyan.body), [relocated.id], 'the 松烟镇 officer sees only their village');

    const owner = await account('employer', { employerId: e.id });
    const ownerView = await candidates(o.id, owner);
    t.equal(ownerView.status, 200);
    t.equal(ownerView.body.items.length, 5);
    t.notOk('name' in ownerView.body.items[0].worker, 'an employer gets no names from the registry');
    const stranger = await account('employer', { employerId: employer().id });
    t.equal((await candidates(o.id, stranger)).status, 404, 'another employer: not found');
    const asWorker = await account('worker', { workerId: plain.id });
    t.equal((await candidates(o.id, asWorker)).status, 403, 'workers do not list candidates');

    await bus.publish(openingEvent({ ...o, status: 'closed', version: 2 }, 'opening.closed'));
    const closed = await eventually(async () => {
      const r = await candidates(o.id, admin);
      return r.body.items.length === 0 ? r.body : undefined;
    }, 'closed opening has no candidates');
    t.match(closed.notice, /not published/);
  },
);

t.test('scopes of matches: the worker themself, their officer, admin', async (t) => {
  const e = employer();
  const o = opening(e, {
    title: '叉车司机',
    occupationCode: 'tra.forklift',
    requiredSkills: [{ code: 'tra.forklift', minLevel: 1, certificateRequired: false }],
  });
  const w = worker({ skills: [{ code: 'tra.forklift', level: 2 }] });
  const other = worker({ skills: [{ code: 'tra.forklift', level: 2 }] });
  await bus.publish(employerEvent(e), openingEvent(o), workerEvent(w), workerEvent(other));
  await matchesUntil(w.id, (x) => x.includes(o.id), 'forklift match');
  await matchesUntil(other.id, (x) => x.includes(o.id), 'forklift match of other');
  const self = await account('worker', { workerId: w.id });
  t.equal((await matches(w.id, self)).status, 200, 'the worker themself');
  t.equal((await matches(other.id, self)).status, 404, 'another worker: not found');
  t.equal((await matches(w.id, officer)).status, 200, 'the officer of the village');
  t.equal((await matches(w.id, otherOfficer)).status, 404, 'an officer of another township: not found');
  const emp = await account('employer', { employerId: e.id });
  t.equal((await matches(w.id, emp)).status, 403, 'employers do not read matches');
  t.equal((await stack.api.get(`/api/v1/workers/${w.id}/matches`)).status, 401, 'a token is required');
});

t.test('"not interested" over HTTP: the opening leaves the worker’s matches, kept across requests', async (t) => {
  const e = employer();
  const [dismissed, kept] = [1, 2].map(() =>
    opening(e, {
      title: '装载机司机',
      occupationCode: 'tra.loader',
      requiredSkills: [{ code: 'tra.loader', minLevel: 1, certificateRequired: false }],
    }),
  );
  const w = worker({ skills: [{ code: 'tra.loader', level: 2 }] });
  await bus.publish(employerEvent(e), openingEvent(dismissed!), openingEvent(kept!), workerEvent(w));
  await matchesUntil(w.id, (x) => x.includes(dismissed!.id) && x.includes(kept!.id), 'loader matches');
  const self = await account('worker', { workerId: w.id });
  const put = (id: string, token: string) => stack.api.request('PUT', `/api/v1/not-interested/${id}`, { token });
  const mark = (id: string) => put(id, self);
  t.equal((await mark(dismissed!.id)).status, 204, 'marked');
  t.equal((await mark(dismissed!.id)).status, 204, 'marking again (a retry) changes nothing');
  const after = ids((await matches(w.id, self)).body);
  t.notOk(after.includes(dismissed!.id), 'it left the matches');
  t.ok(after.includes(kept!.id), 'the other stays');
  const notFound = await mark('00000000-0000-4000-8000-000000000000');
  t.equal(notFound.status, 404, 'an opening matching does not know');
  t.equal((await put(dismissed!.id, officer)).status, 403, 'workers only');
  t.equal((await put('x', self)).status, 400, 'a bad id is a 400');

  // Marks are held in memory, loaded at start: an instance started afterwards honours them at once.
  const { buildMatching } = await import('../src/app.ts');
  const { MatchingConfig, SCHEMA } = await import('../src/config.ts');
  const { createLogger, loadConfig } = await import('@tongxin/service-platform');
  const started = await buildMatching(
    { ...loadConfig(MatchingConfig, stack.settings), SCHEMA },
    createLogger('matching-started-later', 'silent'),
    { consumerName: `read-model-marks-${process.pid}` },
  );
  try {
    const later = await started.inject({
      method: 'GET',
      url: `/api/v1/workers/${w.id}/matches?limit=50`,
      headers: { authorization: `Bearer ${self}` },
    });
    t.equal(later.statusCode, 200);
    const laterIds = (later.json() as { items: { openingId: string }[] }).items.map((i) => i.openingId);
    t.notOk(laterIds.includes(dismissed!.id), 'a restarted instance leaves the marked opening out at once');
    t.ok(laterIds.includes(kept!.id));
  } finally {
    await started.close();
  }
  const withdraw = await stack.api.request('DELETE', `/api/v1/not-interested/${dismissed!.id}`, { token: self });
  t.equal(withdraw.status, 204, 'withdrawn');
  t.ok(ids((await matches(w.id, self)).body).includes(dismissed!.id), 'and it is back');
});

t.test('bad input is a 4xx problem naming the field', async (t) => {
  const w = worker();
  await bus.publish(workerEvent(w));
  await eventually(async () => (await matches(w.id, admin)).status === 200, 'worker known');
  for (const [path, field] of [
    [`/api/v1/workers/${w.id}/matches?limit=0`, 'limit'],
    [`/api/v1/workers/${w.id}/matches?limit=abc`, 'limit'],
    [`/api/v1/workers/${w.id}/matches?limit=101`, 'limit'],
    [`/api/v1/workers/${w.id}/matches?sort=x`, 'sort'],
    [`/api/v1/openings/${w.id}/candidates?limit=-1`, 'limit'],
    ['/api/v1/search/openings?tier=abroad', 'tier'],
    ['/api/v1/search/openings?wageMin=lots', 'wageMin'],
    ['/api/v1/search/openings?housing=maybe', 'housing'],
    ['/api/v1/search/openings?township=1407', 'township'],
    ['/api/v1/search/openings?occupation=astronaut', 'occupation'],
    ['/api/v1/search/openings?category=space', 'category'],
    ['/api/v1/search/openings?cursor=!!', 'cursor'],
    [`/api/v1/search/openings?q=${'挖'.repeat(101)}`, 'q'],
  ] as const) {
    const r = await stack.api.get(path, admin);
    t.equal(r.status, 400, path);
    t.match(r.headers.get('content-type'), /application\/problem\+json/, path);
    t.ok(
      r.body.errors?.some((e: { field: string }) => e.field === field),
      `${path} names ${field}: ${JSON.stringify(r.body.errors)}`,
    );
  }
  // While matching is still applying worker events it answers 503 MATCHING_NOT_YET_KNOWN (ADR 0019);
  // once caught up, a worker nobody registered is a 404.
  const unknown = await eventually(async () => {
    const r = await matches('00000000-0000-4000-8000-000000000000', admin);
    return r.status === 503 ? undefined : r;
  }, 'matching caught up');
  t.equal(unknown.status, 404, 'unknown worker');
  t.equal((await candidates('00000000-0000-4000-8000-000000000000', admin)).status, 404, 'unknown opening');
});

t.test('search: Chinese, synonyms, pinyin, typos, filters, facets, cursor', async (t) => {
  const e = employer({ name: '和顺精工机械有限公司' });
  const excavator = opening(e, {
    title: '挖掘机驾驶员',
    occupationCode: 'con.excavator',
    category: 'construction',
    tier: 'in_province',
    worksiteRegionCode: '140105',
    wageMin: 7000,
    wageMax: 9000,
    benefits: { housing: true, meals: false, socialInsurance: true },
    requiredSkills: [{ code: 'con.excavator', minLevel: 2, certificateRequired: false }],
  });
  const welder = opening(e, {
    title: '电焊工 包吃住',
    occupationCode: 'con.welder',
    tier: 'out_of_province',
    worksiteRegionCode: '320505',
    wageMin: 6000,
    wageMax: 8000,
    benefits: { housing: true, meals: true, socialInsurance: true },
  });
  const cook = opening(e, {
    title: '食堂厨师',
    occupationCode: 'hos.cook',
    category: 'hospitality',
    tier: 'in_county',
    worksiteRegionCode: '140723100',
    wageMin: 3500,
    wageMax: 4500,
    benefits: { housing: false, meals: true, socialInsurance: false },
    reservedForPoor: true,
    requiredSkills: [{ code: 'hos.cook', minLevel: 1, certificateRequired: true }],
  });
  const draft = opening(e, { title: '挖掘机草稿', occupationCode: 'con.excavator', status: 'draft' });
  await bus.publish(employerEvent(e), ...[excavator, welder, cook, draft].map((o) => openingEvent(o)));
  const search = (qs: string) => stack.api.get(`/api/v1/search/openings?${qs}`);
  const hitIds = async (qs: string) => {
    const r = await search(qs);
    t.equal(r.status, 200, qs);
    return r.body.items.map((i: { id: string }) => i.id) as string[];
  };
  // Each opening is keyed by its own id, so on Kafka they may land in different partitions and be
  // indexed in any order: wait for all three, not for one of them.
  await eventually(async () => {
    const listed = await hitIds('limit=100');
    return [excavator, welder, cook].every((o) => listed.includes(o.id));
  }, 'indexed');
  for (const [q, want] of [
    ['挖机', excavator.id],
    ['挖掘机', excavator.id],
    ['wajueji', excavator.id],
    ['wa jue ji', excavator.id],
    ['wajueqi', excavator.id],
    ['excavator', excavator.id],
    ['excavatr', excavator.id],
    ['电焊', welder.id],
    ['dianhangong', welder.id],
    ['welder', welder.id],
    ['大厨', cook.id],
    ['苏州', welder.id],
    // Compound queries: a place or a benefit first (issue 17).
    ['包吃住的电焊工', welder.id],
    ['苏州电焊师傅', welder.id],
    ['太原挖机司机', excavator.id],
    ['和顺厨师', cook.id],
  ] as const) {
    const got = await hitIds(`q=${encodeURIComponent(q)}`);
    t.ok(got.includes(want), `${q} finds it (${got.length} hits)`);
    t.notOk(got.includes(draft.id), `${q}: never a draft`);
  }
  const read = await search(`q=${encodeURIComponent('苏州电焊师傅 包吃住')}`);
  t.same(
    read.body.understood,
    {
      occupation: { code: 'con.welder', name: '焊工', text: '电焊师傅' },
      region: { text: '苏州', name: '苏州市', code: '3205' },
      benefits: [{ text: '包吃住', includes: ['housing', 'meals'] }],
      rest: '',
    },
    'the answer says how the query was read',
  );
  const all = await search('limit=100');
  t.notOk(
    all.body.items.some((i: { id: string }) => i.id === draft.id),
    'drafts are not searchable',
  );
  t.ok(
    all.body.facets.tier.in_province >= 1 && all.body.facets.occupation['con.welder'] >= 1,
    JSON.stringify(all.body.facets),
  );
  t.ok(all.body.facets.category.hospitality >= 1 && all.body.facets.township['140723100'] >= 1);

  t.same(
    await hitIds(`q=${encodeURIComponent('厨师')}&tier=in_county&reservedForPoor=true&meals=true&township=140723100`),
    [cook.id],
  );
  t.same(await hitIds(`q=${encodeURIComponent('厨师')}&housing=true`), []);
  const byRegion = await hitIds('region=3205&limit=100');
  t.ok(byRegion.includes(welder.id) && !byRegion.includes(excavator.id), 'region prefix');
  const byWage = await hitIds('wageMin=8500&limit=100');
  t.ok(byWage.includes(excavator.id) && !byWage.includes(welder.id), 'wageMin: openings that can pay that much');
  const byOccupation = await hitIds(`occupation=${encodeURIComponent('挖机司机')}&limit=100`);
  t.ok(byOccupation.includes(excavator.id) && !byOccupation.includes(welder.id), 'occupation by synonym');
  t.same((await hitIds(`q=${encodeURIComponent('苏州')}`))[0], welder.id, 'the worksite city ranks first');
  const hospitality = await search('category=hospitality');
  t.same(Object.keys(hospitality.body.facets.category), ['hospitality']);

  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await search(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    for (const i of r.body.items) seen.add(i.id);
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < 200);
  t.equal(seen.size, all.body.total, `cursor walks all ${all.body.total} once`);
});

t.test(
  'a new read model is rebuilt by replaying the topics; a restart loads it and re-indexes the engine',
  async (t) => {
    const e = employer();
    const o = opening(e, {
      title: '养老护理员',
      occupationCode: 'dom.elder_care',
      requiredSkills: [{ code: 'dom.elder_care', minLevel: 1, certificateRequired: false }],
    });
    const w = worker({ skills: [{ code: 'dom.elder_care', level: 2 }] });
    await bus.publish(employerEvent(e), openingEvent(o), workerEvent(w));
    await matchesUntil(w.id, (x) => x.includes(o.id), 'care match');

    const { buildMatching } = await import('../src/app.ts');
    const { MatchingConfig } = await import('../src/config.ts');
    const { createLogger, loadConfig } = await import('@tongxin/service-platform');
    // Another schema and consumer group: an empty read model, rebuilt from the beginning of the log.
    const config = { ...loadConfig(MatchingConfig, stack.settings), SCHEMA: `matching_replay_${process.pid}` };
    const get = async (app: Awaited<ReturnType<typeof buildMatching>>, url: string) =>
      (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } })).json();
    const replayed = await buildMatching(config, createLogger('matching-replay', 'silent'), {
      consumerName: 'read-model-replay',
    });
    try {
      await eventually(
        async () =>
          (await get(replayed, `/api/v1/workers/${w.id}/matches`)).items?.some(
            (i: { openingId: string }) => i.openingId === o.id,
          ),
        'replayed',
      );
      // Partitions (and topics) replay independently, and the original may itself still be taking
      // in the last events: a count can match while one opening is ahead or behind. Wait for the
      // same list on both, and show the last difference if it never comes.
      const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);
      let original: string[] = [];
      let replayedIds: string[] = [];
      await eventually(async () => {
        original = ids((await stack.api.get('/api/v1/search/openings?limit=100')).body);
        replayedIds = ids(await get(replayed, '/api/v1/search/openings?limit=100'));
        return replayedIds.join() === original.join();
      }, 'every published opening replayed').catch(() => undefined);
      t.same(replayedIds, original, 'the replayed model publishes the same openings, in the same order');
    } finally {
      await replayed.close();
    }
    // A restart on the same schema: the read model is loaded, the in-process engine re-indexed from it.
    // (A fresh group again: on Kafka the closed member's session would hold the old group for 30 s.)
    const lines: { msg?: string; workers?: number; index?: string; documents?: number }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const restarted = await buildMatching(config, logger, { consumerName: 'read-model-restart' });
    try {
      const loaded = lines.find((l) => l.msg === 'read model loaded');
      t.ok(loaded && loaded.workers! > 0, `read model loaded at start: ${JSON.stringify(loaded)}`);
      t.ok(
        lines.some((l) => l.msg === 're-indexed' && l.index === 'openings' && l.documents! > 0),
        'openings re-indexed with progress logs',
      );
      t.ok(
        lines.some((l) => l.msg === 're-indexing'),
        'progress logged',
      );
      const m = await get(restarted, `/api/v1/workers/${w.id}/matches`);
      t.ok(
        m.items.some((i: { openingId: string }) => i.openingId === o.id),
        'ranked from the loaded read model at once',
      );
      const s = await get(restarted, `/api/v1/search/openings?q=${encodeURIComponent('养老护理')}`);
      t.ok(
        s.items.some((i: { id: string }) => i.id === o.id),
        'the empty engine was re-indexed from the read model',
      );
    } finally {
      await restarted.close();
    }
  },
);
