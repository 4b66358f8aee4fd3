import { DEMO_PASSWORD, runsWith } from '@tongxin/test-harness';
import t from 'tap';
import { journeysIn, launchBrowser, scanPage, seededCounty, signIn } from './browser.ts';

// The household screens (户) in real headless Chromium, at a phone's and a desktop's width, against
// `npm start`'s embedded county seeded with the demo data: an officer's households of their villages,
// and the administrator's county view of 不漏一户 by household.
if (runsWith(t, 'chromium')) {
  t.setTimeout(900_000);
  const { base } = await seededCounty(t);
  const { browser, close } = await launchBrowser();
  t.teardown(close);

  const journey = journeysIn(t, browser);

  journey('officer: households of the villages, one household edited', async (t, page, viewport) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.locator('main h1', { hasText: '务工人员' }).waitFor();
    await page.getByRole('link', { name: '农户', exact: true }).click();
    await page.locator('main h1', { hasText: '农户' }).waitFor();
    await page.locator('main h2', { hasText: '不漏一户' }).waitFor();
    const cards = page.locator('main .households > li');
    await cards.first().waitFor();
    t.ok((await cards.count()) >= 1, 'households of the villages listed');
    const scan = await scanPage(page);
    t.same(scan, [], 'the list shows no raw ids');
    t.notOk(
      await page.locator('main .households > li', { hasText: '松烟镇' }).count(),
      'no household of another township',
    );

    // A household with two members: the seed paired workers of one village.
    const pair = cards.filter({ hasText: '、' }).first();
    await pair.locator('h3 a').click();
    await page.locator('main h1', { hasText: '户编号' }).waitFor();
    await page.locator('main h2', { hasText: '登记的务工成员' }).waitFor();
    t.ok((await page.locator('main .cards > li').count()) >= 2, 'the household shows its members');
    await page.locator('.stat', { hasText: '人均收入' }).waitFor();
    await page.locator('.stat', { hasText: '贫困线' }).waitFor();

    const others = viewport === 'phone' ? '3' : '4';
    await page.getByLabel('其他家庭成员（未登记）').fill(others);
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.notice', { hasText: '已保存' }).first().waitFor();
    await page.locator('main p', { hasText: `其他家庭成员（未登记）: ${others}` }).waitFor();

    await page.getByLabel('收入（元）').fill('600');
    await page.getByRole('button', { name: '记录收入' }).click();
    await page.locator('section li', { hasText: '转移性收入' }).first().waitFor();
    const number = (await page.locator('main h1').textContent())!.replace('户编号', '').trim();

    // From a member's record back to the household.
    await page.locator('main .cards > li h3 a').first().click();
    await page.getByRole('link', { name: `户编号 ${number}` }).click();
    await page.locator('main h1', { hasText: number }).waitFor();
    await page.locator('main h2', { hasText: '登记的务工成员' }).waitFor();
  });

  journey('administrator: the county view of households', async (t, page) => {
    await signIn(page, base, 'admin', DEMO_PASSWORD);
    await page.locator('main h1', { hasText: '数据看板' }).waitFor();
    await page.locator('.stat', { hasText: '户覆盖率' }).waitFor();
    await page.getByRole('link', { name: '农户', exact: true }).click();
    await page.locator('main h2', { hasText: '不漏一户' }).waitFor();
    await page.locator('.stat', { hasText: '已联系户 / 应联系户' }).waitFor();
    // County-wide, every township is shown with its households reached.
    await page.locator('details h3', { hasText: '义兴镇' }).waitFor();
    t.ok((await page.locator('details h3').count()) >= 1, 'townships with their households reached');
    // The townships' figures and the household list are two requests: wait for the list, not only the figures.
    await page.locator('main .households > li').first().waitFor();
    t.ok((await page.locator('main .households > li').count()) >= 1, 'households of the county listed');
    await page.getByLabel('户类型').selectOption('registered_poor');
    // The list is asked again: households of other statuses leave it.
    await page.locator('main .households > li .badge', { hasText: '一般户' }).first().waitFor({ state: 'detached' });
    await page.locator('main .households > li .badge', { hasText: '建档立卡户' }).first().waitFor();
    t.equal(
      await page.locator('main .households > li .badge', { hasText: '一般户' }).count(),
      0,
      'the status filter applies',
    );
  });
}
