import { makeIdNumber } from '@tongxin/cn-codes';
import { DEMO_PASSWORD, eventually, runsWith } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from '../../services/worker-profile/test/fixtures.ts';
import { journeysIn, launchBrowser, seededCounty } from './browser.ts';

// Issue 15's first "done when", its portal half (ADR 0014): a registry worker with no account opens
// 激活账号 from the sign-in page, asks for a code with the ID number and the phone on record, reads it
// (here from the administrator's message log, as a one-machine install has no SMS provider), chooses
// a username and a password, and lands signed in on their matches — at a phone's and a desktop's width.
if (runsWith(t, 'chromium')) {
  t.setTimeout(900_000);
  const { base, api } = await seededCounty(t);
  const admin = (await api.post('/api/v1/auth/token', { username: 'admin', password: DEMO_PASSWORD })).body
    .accessToken as string;
  const { browser, close } = await launchBrowser();
  t.teardown(close);
  const journey = journeysIn(t, browser);

  let n = 0;
  journey('a registry worker activates an account by a code to the phone on record', async (t, page, viewport) => {
    const i = n++;
    // A worker the officer registered, with no account yet.
    const idNumber = makeIdNumber({ regionCode: '140723', birthDate: '1977-07-17', sequence: 501 + 2 * i });
    const phone = `1995550${viewport === 'phone' ? '1' : '2'}${String(100 + i)}`;
    const registered = await api.post(
      '/api/v1/workers',
      workerInput({ name: '王强', idNumber, phone, gender: 'male', birthDate: '1977-07-17' }),
      admin,
    );
    t.equal(registered.status, 201, `registered by the administrator (${registered.body.code ?? 'ok'})`);

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
    await page.getByLabel('验证码（6 位数字）').fill(code);
    await page.getByLabel('设置用户名').fill(`worker.activated.${viewport}`);
    await page.getByLabel('设置密码').fill('Activated-2026');
    await page.getByRole('button', { name: '激活并登录' }).click();
    await page.locator('nav.primary a').first().waitFor();
    await page.locator('main h1', { hasText: '为我推荐' }).waitFor();
    t.match(await page.locator('header .who').innerText(), /务工人员/, 'signed in as the worker');
  });
}
