import { type Stack, describeEnvironment, eventually, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from '../services/worker-profile/test/fixtures.ts';

const LIANSI = '140723100236';

let stack: Stack;
let admin: string;
let officer: string;
let otherOfficer: string;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'placement'] });
  [admin, officer, otherOfficer] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
});
t.teardown(() => stack?.stop());

t.test(
  `the dashboard learns union work groups, members and villages meeting 七有 from events (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const fed = await stack.api.post(
      '/api/v1/union/federations',
      { townshipCode: '140723100', name: '义兴镇工会联合会', leaderName: '王' },
      officer,
    );
    const wg = await stack.api.post(
      '/api/v1/union/work-groups',
      { federationId: fed.body.id, name: '恋思村工作组', leaderName: '陈', villageCodes: [LIANSI] },
      officer,
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const w = await stack.api.post('/api/v1/workers', workerInput(), officer);
      ids.push(w.body.id);
      const j = await stack.api.post(
        `/api/v1/workers/${w.body.id}/union-membership`,
        { workGroupId: wg.body.id, membershipNo: `D-${i}`, joinedOn: '2026-05-01' },
        officer,
      );
      t.equal(j.status, 201);
    }
    await stack.api.post(`/api/v1/workers/${ids[0]}/union-membership/leave`, { leftOn: '2026-10-01' }, officer);
    // The work group's creation evaluated 恋思村 (not met: it lacks the rest).
    const dash = await eventually('union figures on the dashboard', async () => {
      const d = (await stack.api.get('/api/v1/dashboard', admin)).body;
      // union.* and worker.* travel on different topics: wait for both the membership and the flag.
      return d.union?.members === 2 && d.union.qiyouVillagesEvaluated >= 1 && d.workers?.unionMembers === 2
        ? d
        : undefined;
    });
    t.match(dash.union, { workGroups: 1, members: 2, qiyouVillagesMet: 0 });
    t.equal(dash.workers.unionMembers, 2, "the registry's flag, kept in step, counts the same members");
    t.match((await stack.api.get('/api/v1/dashboard', otherOfficer)).body.union, { workGroups: 0, members: 0 });
    t.match((await stack.api.get('/api/v1/dashboard', officer)).body.union, { workGroups: 1, members: 2 });
  },
);
