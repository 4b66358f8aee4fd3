import { makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, eventually, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { verifiedEmployer, welderOpening } from './support/employer.ts';

/**
 * Issue 15's first "done when", through the gateway over the real stack: a registry worker with no
 * account activates one by a code to the phone on record (read from the embedded message log, as a
 * one-machine install has no SMS provider), signs in, sees their matches, applies, and receives the
 * employer's interview notice in the inbox and as an SMS in the message log — once each.
 */
let stack: Stack;
let admin: string;
let officer: string;
let employer: string;

const VILLAGE = '140723100236'; // 义兴镇恋思村
const seq = 601 + 2 * Math.floor(Math.random() * 150); // odd: a man's ID number
const idNumber = makeIdNumber({ regionCode: '140723', birthDate: '1986-03-14', sequence: seq });
const phone = `137${String(20_000_000 + seq).slice(0, 8)}`;
const PLACE = '苏州同心精密制造有限公司 人事部（工业园区星湖街 88 号）';

type Logged = { template: string; params: Record<string, string>; body: string };
type Notice = { id: string; kind: string; title: string; body: string; read: boolean };

const messagesTo = async (to: string): Promise<Logged[]> => {
  const r = await stack.api.get(`/api/v1/admin/message-log?phone=${to}&limit=200`, admin);
  if (r.status !== 200) throw new Error(`message log: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.items as Logged[];
};

async function inbox(token: string): Promise<{ items: Notice[]; unread: number }> {
  const r = await stack.api.get('/api/v1/notifications?limit=100', token);
  if (r.status !== 200) throw new Error(`inbox: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'matching', 'placement'] });
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
  employer = await verifiedEmployer(stack, admin, {
    name: '苏州同心精密制造有限公司',
    username: 'employer.journey',
    phone: '13951200077',
  });
});
t.teardown(() => stack?.stop());

t.test(
  `a registry worker activates by phone code, applies to a match and is told of the interview once, in the inbox and by SMS (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    // The village's officer registered the worker; nobody made them an account.
    const registered = await stack.api.post(
      '/api/v1/workers',
      {
        name: '韩志强',
        gender: 'male',
        birthDate: '1986-03-14',
        idNumber,
        phone,
        homeVillageCode: VILLAGE,
        householdStatus: 'registered_poor', // the opening is reserved for registered-poor households
        skills: [{ code: 'con.welder', level: 3, years: 6 }],
        tierPreferences: ['out_of_province', 'in_province'],
        expectedMinWage: 5000,
        employmentStatus: 'seeking',
        consent: { version: '2026-1', at: '2026-11-01T08:00:00Z' },
      },
      officer,
    );
    t.equal(registered.status, 201, JSON.stringify(registered.body));
    const workerId = registered.body.id as string;
    const posted = await welderOpening(stack, employer, 3);
    t.equal(posted.status, 201, JSON.stringify(posted.body));
    const openingId = posted.body.id as string;

    // 1. Signed out: a code to the phone on record, read from the administrator's message log.
    const asked = await stack.api.post('/api/v1/auth/activation/code', { idNumber, phone });
    t.equal(asked.status, 202, JSON.stringify(asked.body));
    const code = await eventually('the activation code in the message log', async () => {
      const [sms] = await messagesTo(phone);
      return sms?.params.code;
    });
    t.match(code, /^\d{6}$/);

    // 2. Activation signs them in; the password they chose signs them in again.
    const activated = await stack.api.post('/api/v1/auth/activation', {
      idNumber,
      phone,
      code,
      username: 'worker.journey',
      password: 'Journey-2026',
    });
    t.equal(activated.status, 201, JSON.stringify(activated.body));
    t.equal(activated.body.workerId, workerId, 'the account is the registry worker’s');
    const worker = await stack.login('worker.journey', 'Journey-2026');
    t.equal((await stack.api.get('/api/v1/auth/me', worker)).body.workerId, workerId);
    // No quiet hours, so that the SMS below goes out whatever the county's hour when this runs.
    const prefs = await stack.api.request('PUT', '/api/v1/notifications/preferences', {
      token: worker,
      body: { quietHours: { start: '00:00', end: '00:00' } },
    });
    t.equal(prefs.status, 200, JSON.stringify(prefs.body));

    // 3. Their matches, once matching has heard of the worker and the opening.
    const match = await eventually('the opening among the worker’s matches', async () => {
      const r = await stack.api.get(`/api/v1/workers/${workerId}/matches`, worker);
      if (r.status === 404) return undefined; // matching has not heard of the worker yet
      if (r.status !== 200) throw new Error(`matches: ${r.status} ${JSON.stringify(r.body)}`);
      return (r.body.items as { openingId: string; score: number }[]).find((m) => m.openingId === openingId);
    });
    t.ok(match.score > 0, `the opening is a match (score ${match.score})`);

    // 4. They apply, once placement knows the worker and the opening.
    const applied = await eventually('placement knows the worker and the opening', async () => {
      const r = await stack.api.post('/api/v1/applications', { openingId }, worker);
      return r.status === 404 ? undefined : r;
    });
    t.equal(applied.status, 201, JSON.stringify(applied.body));
    t.equal(applied.body.workerId, workerId);
    const applicationId = applied.body.id as string;

    // 5. The employer screens them and sets the interview's time and place.
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCHours(1, 30, 0, 0); // 09:30 in the county (UTC+8)
    const atCounty = `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)} 09:30`;
    for (const patch of [
      { status: 'screening' },
      { status: 'interview', interview: { at: at.toISOString(), place: PLACE } },
    ]) {
      const moved = await stack.api.patch(`/api/v1/applications/${applicationId}`, patch, employer);
      t.equal(moved.status, 200, `${patch.status}: ${JSON.stringify(moved.body)}`);
    }

    // 6. The interview notice in the worker's inbox and once as an SMS to the phone on record.
    const notice = await eventually('the interview notice in the inbox', async () =>
      (await inbox(worker)).items.find((n) => n.kind === 'interview'),
    );
    t.equal(notice.title, '面试通知');
    t.equal(notice.body, `面试时间：${atCounty}，地点：${PLACE}。`, 'county time and place');
    t.equal(notice.read, false);
    const isInterviewSms = (m: Logged) => m.template === 'notice' && m.params.title === '面试通知';
    const sms = await eventually('the interview SMS in the message log', async () =>
      (await messagesTo(phone)).find(isInterviewSms),
    );
    t.equal(sms.body, `【同心】面试通知：面试时间：${atCounty}，地点：${PLACE}。详情请登录同心查看。`);

    // The next move (an offer) is told after it: by then the interview has been told once, not twice.
    const offered = await stack.api.patch(`/api/v1/applications/${applicationId}`, { status: 'offered' }, employer);
    t.equal(offered.status, 200, JSON.stringify(offered.body));
    const offerSms = (m: Logged) => m.template === 'notice' && m.body.includes('面试 → 已发录用');
    await eventually('the offer told by SMS after the interview', async () => (await messagesTo(phone)).some(offerSms));
    const box = await inbox(worker);
    t.equal(box.items.filter((n) => n.kind === 'interview').length, 1, 'one interview notice in the inbox');
    t.equal((await messagesTo(phone)).filter(isInterviewSms).length, 1, 'one interview SMS');
    t.equal(
      (await messagesTo(phone)).filter((m) => m.template !== 'notice').length,
      1,
      'the activation code was the only other message',
    );

    // The notice is the worker's alone: the employer's and the officer's inboxes do not hold it.
    for (const other of [employer, officer])
      t.notOk((await inbox(other)).items.some((n) => n.kind === 'interview' && n.body.includes(PLACE)));
  },
);
