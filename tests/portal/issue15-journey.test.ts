import { makeIdNumber } from '@tongxin/cn-codes';
import { DEMO_PASSWORD, eventually, runsWith } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from '../../services/worker-profile/test/fixtures.ts';
import { launchBrowser, openPage, scanPage, seededCounty } from './browser.ts';

// Issue 15's first "done when" in headless Chromium at a phone's width, against `npm start`'s embedded
// county: a registry worker with no account activates one by a code to the phone on record (read,
// as the administrator would, from the message log), lands signed in on their matches, applies to
// the employer's new opening; the employer (through the API) moves the application to interview with
// a time and a place; the bell counts the worker's unread notices and the inbox shows the interview
// notice, once, with the time in the county's.
if (runsWith(t, 'chromium')) {
  t.setTimeout(900_000);
  const { base, api } = await seededCounty(t);
  const token = async (username: string, password = DEMO_PASSWORD) => {
    const r = await api.post('/api/v1/auth/token', { username, password });
    if (r.status !== 200) throw new Error(`sign-in ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { accessToken: string; employerId?: string; workerId?: string };
  };
  const admin = (await token('admin')).accessToken;
  const employer = await token('employer.demo');
  const { browser, close } = await launchBrowser();
  t.teardown(close);

  t.test('a registry worker activates, applies and reads the interview notice on a phone', async (t) => {
    const { context, page, problems } = await openPage(browser, 'phone');
    t.teardown(() => context.close());
    const s = 701 + 2 * Math.floor(Math.random() * 100); // odd: a man's ID number
    const idNumber = makeIdNumber({ regionCode: '140723', birthDate: '1984-08-18', sequence: s });
    const phone = `1995551${String(1000 + s)}`;
    const title = `电焊工（苏州园区${s}号线）`;

    // The employer's new opening, known to matching before the worker is registered (so that the
    // worker's inbox holds only what the application brings).
    const opening = await api.post(
      '/api/v1/openings',
      {
        employerId: employer.employerId,
        title,
        occupationCode: 'con.welder',
        requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: false }],
        worksiteRegionCode: '320505',
        headcount: 5,
        wageMin: 7000,
        wageMax: 9000,
        benefits: { housing: true, meals: true, socialInsurance: true },
        reservedForPoor: true,
        startDate: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
        closingDate: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
        status: 'open',
      },
      employer.accessToken,
    );
    t.equal(opening.status, 201, JSON.stringify(opening.body));
    const openingId = opening.body.id as string;
    await eventually('matching knows the opening', async () => {
      const r = await api.get(`/api/v1/openings/${openingId}/candidates?limit=1`, employer.accessToken);
      return r.status === 200 && r.body.notice === undefined;
    });

    // A worker the officer registered, with no account yet.
    const registered = await api.post(
      '/api/v1/workers',
      workerInput({
        name: '韩志强',
        idNumber,
        phone,
        gender: 'male',
        birthDate: '1984-08-18',
        tierPreferences: ['out_of_province', 'in_province'],
        expectedMinWage: 6000,
      }),
      admin,
    );
    t.equal(registered.status, 201, `registered (${registered.body.code ?? 'ok'})`);
    const workerId = registered.body.id as string;
    await eventually('the opening among the worker’s first 20 matches', async () => {
      const r = await api.get(`/api/v1/workers/${workerId}/matches?limit=20`, admin);
      return r.status === 200 && r.body.items.some((m: { openingId: string }) => m.openingId === openingId);
    });

    // 激活账号 → the code from the message log → signed in on 为我推荐.
    await page.goto(base + '/');
    await page.getByRole('link', { name: '激活账号' }).click();
    await page.locator('main h1', { hasText: '激活账号' }).waitFor();
    await page.getByLabel('手机号', { exact: true }).fill(phone);
    await page.getByLabel('身份证号', { exact: true }).fill(idNumber);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.locator('.notice', { hasText: '验证码已发送' }).waitFor();
    const code = await eventually('the code in the message log', async () => {
      const r = await api.get(`/api/v1/admin/message-log?phone=${phone}`, admin);
      return (r.body.items?.[0]?.params?.code as string | undefined) ?? undefined;
    });
    const username = `worker.journey.${s}`;
    await page.getByLabel('验证码（6 位数字）').fill(code);
    await page.getByLabel('设置用户名').fill(username);
    await page.getByLabel('设置密码').fill('Journey-2026');
    await page.getByRole('button', { name: '激活并登录' }).click();
    await page.locator('main h1', { hasText: '为我推荐' }).waitFor();
    t.match(await page.locator('header .who').innerText(), /务工人员/, 'signed in as the worker');
    const worker = (await token(username, 'Journey-2026')).accessToken;

    // Applies from the opening's card.
    const card = page.locator('main .cards > li', { hasText: title });
    await card.getByRole('button', { name: `申请岗位：${title}` }).click();
    await card.locator('.notice', { hasText: '已提交申请' }).waitFor();

    // The employer screens the application and sets the interview (through the API).
    const apps = await eventually('the employer sees the application', async () => {
      const r = await api.get(`/api/v1/applications?openingId=${openingId}`, employer.accessToken);
      return r.status === 200 && r.body.items.find((a: { workerId: string }) => a.workerId === workerId);
    });
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCHours(2, 0, 0, 0); // 10:00 in the county (UTC+8)
    const when = `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)} 10:00`;
    const place = '苏州工业园区星湖街 88 号人事部';
    for (const patch of [
      { status: 'screening' },
      { status: 'interview', interview: { at: at.toISOString(), place } },
    ]) {
      const moved = await api.patch(`/api/v1/applications/${apps.id}`, patch, employer.accessToken);
      t.equal(moved.status, 200, `${patch.status}: ${JSON.stringify(moved.body)}`);
    }
    const box = await eventually('the interview notice in the inbox', async () => {
      const r = await api.get('/api/v1/notifications', worker);
      return r.body.items.some((n: { kind: string }) => n.kind === 'interview') && r.body;
    });
    // Besides it, the moves to screening and to interview told as application-status notices.
    const interviews = box.items.filter((n: { kind: string }) => n.kind === 'interview');
    t.equal(interviews.length, 1, 'one interview notice');
    t.ok(box.unread >= 3, `${box.unread} unread: the two moves and the interview`);

    // The bell counts them when the page next asks (any navigation does).
    await page.getByRole('link', { name: '我的申请' }).click();
    await page.locator('main h1', { hasText: '我的申请' }).waitFor();
    const bell = page.getByRole('link', { name: /^消息，\d+条未读$/ });
    await page.getByRole('link', { name: `消息，${box.unread}条未读` }).waitFor();
    t.equal(await bell.locator('.badge').innerText(), String(box.unread), `the bell shows ${box.unread}`);

    // The inbox: the interview notice once, with its time in the county's and its place.
    await bell.click();
    await page.locator('main h1', { hasText: '我的消息' }).waitFor();
    const notices = page.locator('ul.inbox > li', { hasText: '面试通知' });
    await notices.first().waitFor();
    t.equal(await notices.count(), 1, 'one interview notice');
    t.match(await notices.innerText(), `面试时间：${when}，地点：${place}。`);
    const received = Date.parse(interviews[0].createdAt);
    t.equal(
      await notices.locator('time').innerText(),
      new Date(received + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
      "received at the county's time (UTC+8), not the browser's",
    );

    const overflow = Number(
      await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    );
    t.ok(overflow <= 1, `no sideways scrolling at a phone's width (overflow ${overflow}px)`);
    t.same(await scanPage(page), [], 'no raw ids, untranslated keys or unmasked ID numbers');
    t.same(problems, [], 'no page errors and no missing translations');
  });
}
