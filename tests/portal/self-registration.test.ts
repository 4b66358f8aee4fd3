import { makeIdNumber } from '@tongxin/cn-codes';
import { DEMO_PASSWORD, runsWith } from '@tongxin/test-harness';
import t from 'tap';
import { journeysIn, launchBrowser, seededCounty, signIn } from './browser.ts';

// 自助登记 in real headless Chromium, at a phone's and a desktop's width, against `npm start`'s
// embedded county: a person signed out asks to be registered from the sign-in page, and the
// village's officer reviews, corrects and confirms the request on 登记申请 (ADR 0015).
if (runsWith(t, 'chromium')) {
  t.setTimeout(900_000);
  const { base } = await seededCounty(t);
  const { browser, close } = await launchBrowser();
  t.teardown(close);

  const journey = journeysIn(t, browser);
  let seq = 900 + Math.floor(Math.random() * 90);

  journey('a person registers themselves; the officer of the village confirms', async (t, page, viewport) => {
    const s = seq++;
    const name = viewport === 'phone' ? '孙自助' : '周自助';
    await page.goto(base + '/');
    await page.getByRole('link', { name: '还没有登记？自助登记' }).click();
    await page.locator('main h1', { hasText: '自助登记' }).waitFor();
    await page.getByLabel('手机号', { exact: true }).fill(`135${String(20_000_000 + s).slice(0, 8)}`);
    await page.getByLabel('姓名', { exact: true }).fill(name);
    await page
      .getByLabel('身份证号', { exact: true })
      .fill(makeIdNumber({ regionCode: '140723', birthDate: '1993-04-05', sequence: s }));
    await page.getByLabel('乡镇').selectOption({ label: '义兴镇' });
    await page.getByLabel('村', { exact: true }).selectOption({ label: '恋思村' });
    await page.getByRole('button', { name: '提交登记申请' }).click();
    await page.locator('main', { hasText: '需要您同意后才能提交' }).waitFor();
    await page.getByRole('checkbox', { name: /信息处理须知/ }).check();
    await page.getByRole('button', { name: '提交登记申请' }).click();
    await page.locator('main', { hasText: '已收到您的登记申请' }).waitFor();

    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '登记申请', exact: true }).click();
    await page.locator('main h1', { hasText: '登记申请' }).waitFor();
    await page.getByRole('link', { name }).click();
    await page.locator('main h1', { hasText: `核实登记申请: ${name}` }).waitFor();
    await page.getByLabel('户类型').selectOption('registered_poor');
    await page.getByRole('button', { name: '确认登记' }).click();
    await page.locator('main', { hasText: '已确认登记' }).waitFor();
    await page.getByRole('link', { name: '查看务工人员' }).click();
    await page.locator('main h1', { hasText: name }).waitFor();
  });
}
