import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from './fixtures.ts';

const VILLAGE = '140723100236';

let stack: Stack;
let admin: string;
let officer: string;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile'] });
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
});
t.teardown(() => stack.stop());

t.test(
  `a worker's own figure never replaces an officer-verified one; both are kept and shown (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const reg = await stack.api.post(
      '/api/v1/workers',
      workerInput({ householdNo: 'HS-V01', householdSize: 2 }),
      officer,
    );
    t.equal(reg.status, 201, JSON.stringify(reg.body));
    const w = reg.body;
    await stack.api.post(
      '/api/v1/accounts',
      { username: 'worker.income', password: 'worker-pass-1', role: 'worker', displayName: 'w', workerId: w.id },
      admin,
    );
    const me = await stack.login('worker.income', 'worker-pass-1');
    const post = (body: object, token: string) => stack.api.post(`/api/v1/workers/${w.id}/incomes`, body, token);

    const verified = await post({ month: '2026-09', amount: 4000, source: 'wages', verified: true }, officer);
    t.equal(verified.status, 201, JSON.stringify(verified.body));
    const own = await post({ month: '2026-09', amount: 5200, source: 'wages', verified: false }, me);
    t.equal(own.status, 201, JSON.stringify(own.body));
    t.notOk(own.body.replaces, 'the self-reported figure does not replace the verified entry');

    const current = (await stack.api.get(`/api/v1/workers/${w.id}/incomes`, officer)).body.items as {
      id: string;
      amount: number;
      verified: boolean;
      supersededAt?: string;
    }[];
    t.same(
      current.map((i) => [i.amount, i.verified]).sort(),
      [
        [4000, true],
        [5200, false],
      ],
      'both are current: the verified entry and, beside it, the worker’s own figure',
    );
    t.equal((await stack.api.get(`/api/v1/workers/${w.id}/incomes`, me)).body.items.length, 2, 'the worker sees both');

    const again = await post({ month: '2026-09', amount: 5300, source: 'wages', verified: false }, me);
    t.equal(again.status, 201);
    t.equal(again.body.replaces, own.body.id, 'a new self-report corrects the previous self-report only');
    const fixed = await post({ month: '2026-09', amount: 4100, source: 'wages', verified: true }, officer);
    t.equal(fixed.status, 201);
    t.equal(fixed.body.replaces, verified.body.id, 'an officer corrects the verified entry');
    t.equal((await post({ month: '2026-09', amount: 9999, source: 'wages', verified: true }, me)).status, 400);

    // October: only the worker's own figure.
    t.equal((await post({ month: '2026-10', amount: 3000, source: 'wages', verified: false }, me)).status, 201);

    const households = await stack.api.get(
      `/api/v1/ledgers/incomes/households?year=2026&village=${VILLAGE}&below=false`,
      officer,
    );
    t.equal(households.status, 200, JSON.stringify(households.body));
    const h = households.body.items.find((x: { householdNo?: string }) => x.householdNo === 'HS-V01');
    t.match(h, {
      annualIncome: 7100,
      verifiedIncome: 4100,
      selfReportedIncome: 3000,
      monthsRecorded: 2,
      perPerson: 3550,
    });
    const entries = (h.entries as { month: string; amount: number; verified: boolean; counted: boolean }[])
      .map((e) => [e.month, e.amount, e.verified, e.counted])
      .sort();
    t.same(
      entries,
      [
        ['2026-09', 4100, true, true],
        ['2026-09', 5300, false, false],
        ['2026-10', 3000, false, true],
      ],
      'each entry says whether it is verified and whether the total counts it',
    );

    // The export holds both lines and reads back unchanged.
    const exported = await fetch(`${stack.api.baseUrl}/api/v1/ledgers/incomes/export?village=${VILLAGE}`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    t.equal(exported.status, 200);
    const reimport = await stack.api.request('POST', '/api/v1/workers/import?ledger=incomes', {
      token: officer,
      raw: Buffer.from(await exported.arrayBuffer()),
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    t.equal(reimport.status, 200, JSON.stringify(reimport.body).slice(0, 400));
    t.match(reimport.body, { created: 0, updated: 0, unchanged: 3, invalid: 0 });
  },
);
