import { DEMO_PASSWORD, runsWith } from '@tongxin/test-harness';
import t from 'tap';
import { journeysIn, launchBrowser, seededCounty, signIn } from './browser.ts';

// 我的信息 in real headless Chromium, at a phone's and a desktop's width (ADR 0020): the worker
// saves their preferences at once and proposes a new phone, shown as awaiting the officer; the
// county's administrator (an officer in scope would do the same) confirms it on the worker's page.
if (runsWith(t, 'chromium')) {
  t.setTimeout(900_000);
  const { base, api } = await seededCounty(t);
  const { browser, close } = await launchBrowser();
  t.teardown(close);
  const me = (await api.post('/api/v1/auth/token', { username: 'worker.demo', password: DEMO_PASSWORD })).body as {
    workerId: string;
  };

  const journey = journeysIn(t, browser);
  journey('a worker edits their own information; the new phone waits for the officer', async (t, page, viewport) => {
    const phone = viewport === 'phone' ? '13988887771' : '13988887772';
    await signIn(page, base, 'worker.demo', DEMO_PASSWORD);
    await page.getByRole('link', { name: '我的信息' }).click();
    await page.locator('main h1', { hasText: '我的信息' }).waitFor();
    await page.getByLabel('期望月薪（元）').fill('5600');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('main', { hasText: '已保存' }).waitFor();
    await page.getByLabel('新手机号').fill(phone);
    await page.getByRole('button', { name: '提交新手机号' }).click();
    await page
      .locator('main', { hasText: `新手机号 ${phone.slice(0, 3)}****${phone.slice(-4)}：待村工作人员确认` })
      .waitFor();

    await page.getByRole('button', { name: '退出' }).click();
    await signIn(page, base, 'admin', DEMO_PASSWORD);
    await page.goto(`${base}/#/workers/${me.workerId}/matches`);
    await page.locator('main', { hasText: '待确认的修改' }).waitFor();
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.locator('main', { hasText: phone }).waitFor();
    t.equal(await page.locator('main', { hasText: '待确认的修改' }).count(), 0, 'nothing awaits any more');
  });
}
