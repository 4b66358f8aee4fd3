import { DEMO_PASSWORD, runsWith } from '@tongxin/test-harness';
import t from 'tap';
import { journeysIn, launchBrowser, seededCounty, signIn } from './browser.ts';

// The union organisation and 七有 through the portal, in headless Chromium at a phone's and a
// desktop's width, against `npm start`'s embedded county seeded with the demo data.
if (runsWith(t, 'chromium')) {
  t.setTimeout(900_000);
  const { base } = await seededCounty(t);
  const { browser, close } = await launchBrowser();
  t.teardown(close);

  const journey = journeysIn(t, browser);

  journey('officer keeps the work group and the 七有 checklist of their village', async (t, page, viewport) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '工会组织' }).click();
    await page.locator('main h1', { hasText: '工会组织' }).waitFor();
    // Union and party side by side for the officer's villages.
    const row = page.locator('table tbody tr', { hasText: '恋思村' });
    await row.waitFor();
    t.equal(await row.locator('td').count(), 4, 'work groups, members, party groups and party members');
    const card = page.locator('main .cards > li', { hasText: '恋思村工会工作组' });
    await card.locator('.badge', { hasText: '党建带工建' }).waitFor();
    await card.locator('summary', { hasText: '会员名单' }).click();
    const leave = card.getByRole('button', { name: '办理退会' }).first();
    await leave.waitFor();
    const before = await card.getByRole('button', { name: '办理退会' }).count();
    await leave.click();
    // The portal's CSP forbids string evaluation, so the list is polled through its locator.
    const leaveButtons = card.getByRole('button', { name: '办理退会' });
    for (let i = 0; i < 100 && (await leaveButtons.count()) !== before - 1; i++) await page.waitForTimeout(100);
    t.equal(await leaveButtons.count(), before - 1, 'the member who left is no longer listed');
    // The worker who left joins again with a new number.
    const worker = card.getByLabel('务工人员');
    await worker.locator('option').nth(1).waitFor({ state: 'attached' });
    await worker.selectOption({ index: 1 });
    await card.getByLabel('会员证号').fill(`J-${viewport}-${Date.now() % 100000}`);
    await card.getByRole('button', { name: '登记入会' }).click();
    await card.locator('.notice', { hasText: '已登记入会' }).waitFor();

    await page.getByRole('link', { name: '七有达标' }).first().click();
    await page.locator('main h1', { hasText: '七有达标' }).waitFor();
    const first = page.locator('main .cards > li').first();
    await first.locator('.badge', { hasText: '试点村' }).waitFor();
    t.match(await first.textContent(), /恋思村/, 'the pilot village first');
    t.equal(
      await page.locator('main .cards > li', { hasText: '白仁村' }).count(),
      0,
      "another township's pilot is not the officer's",
    );
    await first.getByRole('link', { name: '恋思村' }).click();
    await page.locator('main h1', { hasText: '恋思村 · 七有' }).waitFor();
    const venue = page.locator('.qiyou li', { hasText: '有阵地' });
    await venue.locator('.badge', { hasText: '已达标' }).waitFor();
    t.match(await venue.textContent(), /职工之家.*义兴工联〔2026〕5号/, 'the declaration with its evidence');
    t.match(
      await page.locator('.qiyou li', { hasText: '有组织' }).textContent(),
      /恋思村工会工作组/,
      'organisation computed from the work group',
    );
    // A declaration without its evidence is refused with the field named.
    const rules = page.getByRole('form', { name: '有制度' });
    await rules.getByLabel('说明').fill('');
    await rules.getByRole('button', { name: '保存申报' }).click();
    await rules.locator('.field-error').first().waitFor();
    await rules.getByLabel('说明').fill('工作组议事规则、会员管理制度、帮扶制度');
    await rules.getByRole('button', { name: '保存申报' }).click();
    await rules.locator('.notice', { hasText: '已申报' }).waitFor();
    await page.locator('.qiyou li', { hasText: '有制度' }).locator('.badge', { hasText: '已达标' }).waitFor();
  });

  journey('administrator reads the county: union figures and villages against 七有', async (t, page) => {
    await signIn(page, base, 'admin', DEMO_PASSWORD);
    await page.locator('.stat', { hasText: '七有达标村' }).waitFor();
    await page.locator('.stat', { hasText: '村级工会工作组' }).waitFor();
    await page.getByRole('link', { name: '七有达标' }).first().click();
    await page.locator('main .count', { hasText: '个村中' }).waitFor();
    const cards = page.locator('main .cards > li');
    t.match(await cards.nth(0).textContent(), /恋思村.*试点村/, 'pilot villages first');
    t.match(await cards.nth(1).textContent(), /白仁村.*试点村/);
    t.match(await cards.nth(1).textContent(), /尚缺.*有制度/, 'what 白仁村 still lacks');
    await cards.nth(1).getByRole('link', { name: '白仁村' }).click();
    const rules = page.locator('.qiyou li', { hasText: '有制度' });
    await rules.locator('.badge', { hasText: '未达标' }).waitFor();
    t.match(await rules.textContent(), /还需/);
    t.match(await page.locator('.qiyou li', { hasText: '有平台' }).textContent(), /白仁村务工人员联络群/);

    await page.getByRole('link', { name: '工会组织' }).first().click();
    await page.locator('table tbody tr', { hasText: '义兴镇' }).waitFor();
    await page.locator('table tbody tr', { hasText: '松烟镇' }).waitFor();
    await page.locator('main .cards > li', { hasText: '白仁村工会工作组' }).waitFor();
  });
}
