import { DEMO_PASSWORD, runsWith, startStack } from '@tongxin/test-harness';
import t from 'tap';
import { creditCode } from '../../services/employer/test/helpers/fixtures.ts';
import { workerInput } from '../../services/worker-profile/test/fixtures.ts';
import { journeysIn, launchBrowser, signIn } from './browser.ts';

// Issue 15 (ADR 0018) through the portal, in headless Chromium at a phone's and a desktop's width:
// 企业注册 from the sign-in page, and the officer's printed activation code redeemed by the worker.
if (runsWith(t, 'chromium')) {
  t.setTimeout(600_000);
  const stack = await startStack({ services: ['worker-profile', 'employer'] });
  t.teardown(() => stack.stop());
  const base = stack.api.baseUrl;
  const { browser, close } = await launchBrowser();
  t.teardown(close);
  const journey = journeysIn(t, browser);

  journey('an employer signs up from the sign-in page and waits for verification', async (t, page, viewport) => {
    await page.goto(base + '/');
    await page.getByRole('link', { name: '企业注册' }).click();
    await page.locator('main h1', { hasText: '企业注册' }).waitFor();
    await page.getByLabel('企业名称', { exact: true }).fill(`和顺县自助注册有限公司${viewport}`);
    await page.getByLabel('统一社会信用代码', { exact: true }).fill(creditCode());
    await page.getByLabel('省', { exact: true }).selectOption({ label: '山西省' });
    await page.getByLabel('市', { exact: true }).selectOption({ label: '晋中市' });
    await page.getByLabel('县（区）', { exact: true }).selectOption({ label: '和顺县' });
    await page.getByLabel('联系人', { exact: true }).fill('王经理');
    await page.getByLabel('联系电话', { exact: true }).fill('13935400001');
    await page.getByLabel('用户名', { exact: true }).fill(`self.signup.${viewport}`);
    await page.getByLabel('密码', { exact: true }).fill('a-good-pass-2026');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.locator('main h1', { hasText: '企业信息' }).waitFor();
    await page.getByText('企业正在审核中').waitFor();
    t.pass('signed in on the company page, which says it is being verified');
    // The administrator's queue shows it, signed up by itself, and verifies it.
    await page.getByRole('button', { name: '退出' }).click();
    await signIn(page, base, 'admin', DEMO_PASSWORD);
    await page.getByRole('link', { name: '企业审核' }).click();
    const card = page.locator('main .cards > li', { hasText: `和顺县自助注册有限公司${viewport}` });
    await card.getByText('企业自助注册').waitFor();
    await card.getByText('已等待 0 天').waitFor();
    await card.getByRole('button', { name: `审核通过：和顺县自助注册有限公司${viewport}` }).click();
    await card.getByText('已审核通过').waitFor();
    t.pass('verified from the queue');
  });

  journey("the officer prints a worker's activation code; the worker activates with it", async (t, page, viewport) => {
    const officer = await stack.login('officer.yixing');
    const w = await stack.api.post('/api/v1/workers', workerInput({ name: '李小梅' }), officer);
    t.equal(w.status, 201);
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.goto(`${base}/#/workers/${w.body.id}`);
    await page.getByRole('button', { name: '打印激活码' }).click();
    const code = (await page.locator('.slip-code').innerText()).trim();
    t.match(code, /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    await page.getByText('李*梅').first().waitFor();
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('link', { name: '激活码激活' }).click();
    await page.getByLabel('激活码', { exact: true }).fill(code.toLowerCase());
    await page.getByLabel('用户名', { exact: true }).fill(`li.xiaomei.${viewport}`);
    await page.getByLabel('密码', { exact: true }).fill('a-good-pass-2026');
    await page.getByRole('button', { name: '激活并登录' }).click();
    await page.locator('nav.primary a').first().waitFor();
    await page.locator('.who', { hasText: '务工人员' }).waitFor();
    t.pass('signed in as the worker');
  });
}
