import { DEMO_PASSWORD, runsWith } from '@tongxin/test-harness';
import t from 'tap';
import { journeysIn, launchBrowser, seededCounty, signIn } from './browser.ts';

// The officer's worklist (ADR 0016) in real headless Chromium, at a phone's and a desktop's width,
// against `npm start`'s embedded county seeded with the demo data: the counts by kind on the
// officer's home and the administrator's dashboard, the whole list, one kind at a time.
if (runsWith(t, 'chromium')) {
  t.setTimeout(900_000);
  const { base } = await seededCounty(t);
  const { browser, close } = await launchBrowser();
  t.teardown(close);

  const journey = journeysIn(t, browser);

  journey('officer: the worklist on the home page, then the whole list', async (t, page) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.locator('main h1', { hasText: '务工人员' }).waitFor();
    const summary = page.locator('main .worklist-summary');
    await summary.locator('h2', { hasText: '待办事项' }).waitFor();
    for (const label of ['回访逾期', '回访到期', '维权待办', '未联系户', '奖补待办']) {
      await summary.locator('a.stat', { hasText: label }).waitFor();
    }
    t.ok((await summary.locator('.worklist > li').count()) <= 5, 'the home shows the most urgent few');

    await summary.getByRole('link', { name: '查看全部待办' }).click();
    await page.locator('main h1', { hasText: '工作清单' }).waitFor();
    const items = page.locator('main .worklist > li');
    const n = await items.count();
    for (let i = 0; i < Math.min(n, 20); i++) {
      const href = await items.nth(i).locator('a').first().getAttribute('href');
      t.match(href, /^#\//, 'each item links to a page of the portal');
    }
    await page.locator('main a.stat', { hasText: '未联系户' }).click();
    await page.locator('main h2', { hasText: '未联系户' }).waitFor();
    t.match(page.url(), /#\/worklist\/not-contacted$/);
    t.notOk(await page.locator('main .worklist > li', { hasText: '松烟镇' }).count(), 'nothing of another township');
  });

  journey('administrator: the worklist on the dashboard', async (_t, page) => {
    await signIn(page, base, 'admin', DEMO_PASSWORD);
    await page.locator('main h1', { hasText: '数据看板' }).waitFor();
    await page.locator('main .worklist-summary a.stat', { hasText: '奖补待办' }).waitFor();
    await page.getByRole('link', { name: '工作清单' }).first().click();
    await page.locator('main h1', { hasText: '工作清单' }).waitFor();
  });
}
