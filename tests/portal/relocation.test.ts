import { childrenOf, regionShortName } from '@tongxin/regions';
import { DEMO_PASSWORD, runsWith } from '@tongxin/test-harness';
import t from 'tap';
import { journeysIn, launchBrowser, seededCounty, signIn } from './browser.ts';

interface Village {
  villageCode: string;
  villageName?: string;
  quota: number;
  offered: number;
  filled: number;
}

// Relocated villages and their reserved places (帮扶岗位) in real headless Chromium, against
// `npm start`'s embedded county with the demo seed: the administrator marks a village, designates
// an opening and is refused a quota below the places filled; the officer reads their villages.
if (runsWith(t, 'chromium')) {
  t.setTimeout(900_000);
  const { base, api } = await seededCounty(t);
  const token = async (username: string) =>
    (await api.post('/api/v1/auth/token', { username, password: DEMO_PASSWORD })).body.accessToken as string;
  const admin = await token('admin');
  const villages = async (who = admin): Promise<Village[]> =>
    (await api.get('/api/v1/relocated-villages?limit=200', who)).body.items as Village[];
  const { browser, close } = await launchBrowser();
  t.teardown(close);

  t.test('the demo seed marks relocated villages with figures to show', async (t) => {
    const seeded = await villages();
    t.ok(seeded.length > 0, `${seeded.length} relocated villages seeded`);
    t.ok(
      seeded.some((v) => v.offered > 0),
      'some places are designated',
    );
    t.ok(
      seeded.some((v) => v.filled > 0),
      'some places are filled',
    );
    t.ok(
      seeded.every((v) => v.quota >= v.filled),
      'no quota below its places filled',
    );
  });

  const journey = journeysIn(t, browser);

  journey(
    'administrator marks a village, designates an opening, keeps the quota above filled',
    async (t, page, viewport) => {
      const seeded = await villages();
      const codes = new Set(seeded.map((v) => v.villageCode));
      // A village of 松烟镇 not marked yet, a different one per width.
      const fresh = childrenOf('140723102').filter((v) => !codes.has(v.code))[viewport === 'phone' ? 0 : 1]!;

      await signIn(page, base, 'admin', DEMO_PASSWORD);
      await page.locator('.stat', { hasText: '搬迁村帮扶岗位已就业' }).waitFor();
      await page.getByRole('link', { name: '搬迁村帮扶岗位' }).click();
      await page.locator('main h1', { hasText: '易地搬迁村帮扶岗位' }).waitFor();
      await page.locator('main .cards > li').first().waitFor();

      await page.getByLabel('乡镇').selectOption('140723102');
      await page.getByLabel('村', { exact: true }).selectOption(fresh.code);
      await page.getByLabel('帮扶岗位数', { exact: true }).fill('5');
      await page.getByLabel('安置点').fill('松烟镇安置点');
      await page.getByRole('button', { name: '保存' }).click();
      // The name the service shows, from the same table; asking the API here would race the save.
      const name = regionShortName(fresh.code)!;
      const card = page.locator('main .cards > li', { hasText: `${name} · 松烟镇` });
      await card.waitFor();
      t.match(await card.innerText(), /松烟镇安置点/, 'the relocation site is shown');

      // The opening with the most positions, so that the seed's designations leave room on it.
      const select = card.getByLabel(`为${name}指定岗位`);
      // The openings arrive after the card: read the options once there is one beside the placeholder.
      await select.locator('option').nth(1).waitFor({ state: 'attached' });
      const options = await select
        .locator('option')
        .evaluateAll((os) => os.map((o) => [o.getAttribute('value') ?? '', o.textContent ?? ''] as const));
      const positions = (text: string) => Number(/共 (\d+) 个/.exec(text)?.[1] ?? 0);
      const roomiest = options.reduce((a, b) => (positions(b[1]) > positions(a[1]) ? b : a));
      await select.selectOption(roomiest[0]);
      await card.getByLabel('计入名额').fill('1');
      await card.getByRole('button', { name: '指定', exact: true }).click();
      const designated = card.getByText('已就业 0 / 指定 1 个');
      await Promise.race([designated.waitFor(), card.locator('[role=alert]').waitFor()]);
      t.ok(await designated.count(), `designated: ${await card.innerText()}`);
      const marked = (await api.get(`/api/v1/relocated-villages/${fresh.code}`, admin)).body;
      t.match(marked, { quota: 5, offered: 1, sites: ['松烟镇安置点'] }, 'marked and designated through the portal');

      // A quota below the places already filled is refused, with the field named, and nothing changes.
      const busy = seeded.find((v) => v.filled > 0)!;
      const busyName = busy.villageName!;
      const busyCard = page.locator('main .cards > li', { hasText: `${busyName} · ` }).first();
      await busyCard.getByLabel(`${busyName}的帮扶岗位数`).fill('0');
      await busyCard.getByRole('button', { name: '修改岗位数' }).click();
      await busyCard.locator('[role=alert]', { hasText: '帮扶岗位数' }).waitFor();
      t.equal(
        (await api.get(`/api/v1/relocated-villages/${busy.villageCode}`, admin)).body.quota,
        busy.quota,
        'the quota is unchanged',
      );
    },
  );

  journey('officer reads the reserved places of their villages', async (t, page) => {
    const officer = await token('officer.yixing');
    const mine = await villages(officer);
    t.ok(mine.length > 0, 'the seed marked villages of 义兴镇');
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '搬迁村帮扶岗位' }).click();
    await page.locator('main h1', { hasText: '易地搬迁村帮扶岗位' }).waitFor();
    await page.locator('main .cards > li').first().waitFor();
    t.equal(await page.locator('main .cards > li').count(), mine.length, 'their villages, and only those');
    t.equal(await page.getByRole('heading', { name: '标记搬迁村' }).count(), 0, 'officers mark nothing');
    t.equal(await page.getByRole('button', { name: '修改岗位数' }).count(), 0, 'nor set quotas');
    await page.locator('main .stat', { hasText: '已就业' }).first().waitFor();
  });
}
