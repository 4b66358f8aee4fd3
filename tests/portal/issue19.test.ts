import { readFile } from 'node:fs/promises';
import { DEMO_PASSWORD, eventually, runsWith } from '@tongxin/test-harness';
import ExcelJS from 'exceljs';
import t from 'tap';
import { journeysIn, launchBrowser, seededCounty, signIn } from './browser.ts';

// Issue 19's portal, in headless Chromium at a phone's and a desktop's width against `npm start`'s
// embedded county seeded with the demo data: a form's write sent once whatever the network does,
// every role's account, the screens that were "not yet", and printing.
if (runsWith(t, 'chromium')) {
  t.setTimeout(1_800_000);
  const { base, api } = await seededCounty(t);
  const { browser, close } = await launchBrowser();
  t.teardown(close);
  const journey = journeysIn(t, browser);

  const token = async (username: string, password = DEMO_PASSWORD) => {
    const r = await api.post('/api/v1/auth/token', { username, password });
    if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { accessToken: string; workerId?: string };
  };
  const admin = await token('admin');
  const officer = await token('officer.yixing');
  const activitiesTitled = async (title: string) =>
    (
      (await api.get('/api/v1/ledgers/activities?order=newest&limit=100', officer.accessToken)).body as {
        items: { title?: string }[];
      }
    ).items.filter((a) => a.title === title).length;

  journey(
    'a form is written once: the answer lost to the network, a resend, a double tap',
    async (t, page, viewport) => {
      await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
      await page.getByRole('link', { name: '六个一活动' }).click();
      await page.locator('main h1', { hasText: '六个一活动' }).waitFor();
      const keys: string[] = [];
      let lost = 0;
      // The first write reaches the API and is done there, but its answer never comes back.
      await page.route('**/api/v1/ledgers/activities', async (route) => {
        const request = route.request();
        if (request.method() !== 'POST') return route.continue();
        keys.push((await request.headerValue('idempotency-key')) ?? '');
        if (lost++ === 0) {
          await route.fetch();
          return route.abort('internetdisconnected');
        }
        return route.continue();
      });
      const title = `断网重发的走访（${viewport}）`;
      await page.getByLabel('活动类型').selectOption('visit');
      await page.getByLabel('乡镇').selectOption('140723100');
      await page.getByLabel('村', { exact: true }).selectOption('140723100236');
      await page.getByLabel('名称').fill(title);
      await page.getByLabel('参加人数').fill('12');
      await page.getByRole('button', { name: '记录活动' }).click();
      await page.locator('main .state.error', { hasText: '无法连接服务器' }).waitFor();
      t.equal(await page.getByLabel('名称').inputValue(), title, 'what was typed stays in the form');
      t.equal(await page.getByLabel('参加人数').inputValue(), '12');
      t.equal(await activitiesTitled(title), 1, 'the lost answer’s write was done');

      await page.getByRole('button', { name: '记录活动' }).click();
      await page.locator('main .notice', { hasText: '已记录' }).waitFor();
      t.equal(keys.length, 2, 'the form was sent twice');
      t.match(keys[0], /^[\w.:-]{1,128}$/, 'with an idempotency key');
      t.equal(keys[1], keys[0], 'the resend carries the same key');
      t.equal(await activitiesTitled(title), 1, 'the resend is not a second record');
      // The list reloads after the notice: wait for the card, then count it.
      const listed = page.locator('main .cards > li', { hasText: title });
      await listed.first().waitFor();
      t.equal(await listed.count(), 1, 'listed once');
      t.equal(await page.getByLabel('名称').inputValue(), '', 'the form is cleared once it succeeded');

      // A double tap: the form submitted twice in one go is one write, with a key of its own.
      const tapped = `连点两下的走访（${viewport}）`;
      await page.getByLabel('名称').fill(tapped);
      await page
        .locator('main form')
        .first()
        .evaluate((form) => {
          const f = form as unknown as { requestSubmit(): void };
          f.requestSubmit();
          f.requestSubmit();
        });
      await page.locator('main .cards > li', { hasText: tapped }).waitFor();
      t.equal(await activitiesTitled(tapped), 1, 'a double tap is one record');
      t.ok(keys.length >= 3, 'the double tap was sent');
      t.ok(
        keys.slice(2).every((k) => k === keys[2] && k !== keys[0]),
        'a new submission has a new key, the same for its taps',
      );
      await page.unroute('**/api/v1/ledgers/activities');
    },
  );

  journey('every role opens its account from the header', async (t, page) => {
    for (const username of ['admin', 'officer.yixing', 'employer.demo', 'worker.demo']) {
      await signIn(page, base, username, DEMO_PASSWORD);
      await page.locator('header a.who').click();
      await page.locator('main h1', { hasText: '我的账户' }).waitFor();
      t.equal(await page.getByRole('button', { name: '修改密码' }).count(), 1, `${username}: change password`);
      t.equal(await page.getByRole('button', { name: '退出所有设备' }).count(), 1, `${username}: sign out everywhere`);
      t.equal(await page.getByLabel('当前密码').count(), 1);
      t.equal(await page.getByLabel('新密码', { exact: true }).count(), 1);
      t.equal(await page.getByLabel('再输一次新密码').count(), 1);
      await page.getByRole('button', { name: '退出', exact: true }).click();
      await page.getByLabel('用户名').waitFor();
    }
  });

  journey('an officer changes their password and signs out on every device', async (t, page, viewport) => {
    const username = `acct.${viewport}`;
    const first = `Qishi-mima-${viewport}-2026`;
    const created = await api.post(
      '/api/v1/accounts',
      { username, password: first, role: 'officer', displayName: `账户测试${viewport}`, regions: ['140723100'] },
      admin.accessToken,
    );
    t.equal(created.status, 201, `an officer account to change (${created.status})`);
    const elsewhere = await token(username, first);

    await signIn(page, base, username, first);
    await page.locator('header a.who').click();
    await page.locator('main h1', { hasText: '我的账户' }).waitFor();
    const form = page.getByRole('form', { name: '修改密码' });
    const next = `Xin-mima-${viewport}-2027`;
    // A wrong current password is named at its field; nothing typed is lost.
    await form.getByLabel('当前密码').fill('not-the-password');
    await form.getByLabel('新密码', { exact: true }).fill(next);
    await form.getByLabel('再输一次新密码').fill(next);
    await form.getByRole('button', { name: '修改密码' }).click();
    await form.locator('.field-error', { hasText: '当前密码不对' }).waitFor();
    t.equal(await form.getByLabel('新密码', { exact: true }).inputValue(), next, 'the new password stays typed');
    // The two new passwords must agree before anything is sent.
    await form.getByLabel('当前密码').fill(first);
    await form.getByLabel('再输一次新密码').fill(next + 'x');
    await form.getByRole('button', { name: '修改密码' }).click();
    await form.locator('.field-error', { hasText: '两次输入的新密码不一致' }).waitFor();
    t.equal((await api.get('/api/v1/auth/me', elsewhere.accessToken)).status, 200, 'nothing changed yet');
    await form.getByLabel('再输一次新密码').fill(next);
    await form.getByRole('button', { name: '修改密码' }).click();
    await page.locator('.notice', { hasText: '密码已修改' }).waitFor();
    await page.getByLabel('用户名').waitFor();
    t.equal((await api.get('/api/v1/auth/me', elsewhere.accessToken)).status, 401, "the other device's sign-in ended");
    t.equal((await api.post('/api/v1/auth/token', { username, password: first })).status, 401, 'the old password');

    await signIn(page, base, username, next);
    const another = await token(username, next);
    await page.locator('header a.who').click();
    await page.getByRole('button', { name: '退出所有设备' }).click();
    await page.locator('.notice', { hasText: '已在所有设备上退出' }).waitFor();
    await page.getByLabel('用户名').waitFor();
    t.equal((await api.get('/api/v1/auth/me', another.accessToken)).status, 401, 'every device signed out');
  });

  journey('the import gives back its sheet with the errors marked', async (t, page, viewport) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '台账导入导出' }).click();
    await page.getByLabel('选择文件').setInputFiles({
      name: `bad-${viewport}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from('姓名,身份证号,手机号,户籍村代码\n张三,123,13800000000,恋思村\n'),
    });
    await page.getByRole('button', { name: '开始导入' }).click();
    // A sheet with the ledger's columns and a row the API refuses: the report lists the row.
    await page.locator('main .card[role=status], main .state.error').first().waitFor({ timeout: 120_000 });
    t.equal(await page.locator('main .state.error').count(), 0, 'a report, not a failure');
    await page.locator('table:has(th:text("行"))').waitFor();
    const button = page.getByRole('button', { name: '下载标错的表格' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    t.match(download.suggestedFilename(), /\.xlsx$/, 'an xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as never);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).map(String);
    t.ok(header.includes('错误说明'), 'with the column saying what is wrong');
    t.ok(header.includes('身份证号'), 'and the columns uploaded');
    await page.locator('main .notice', { hasText: '已开始下载' }).waitFor();
  });

  journey('an officer plans training: a course, a batch, its places, an enrolment', async (t, page, viewport) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '培训班' }).click();
    await page.getByRole('link', { name: /课程与开班计划/ }).click();
    await page.locator('main h1', { hasText: '培训课程' }).waitFor();
    await page.locator('main ul.cards > li').first().waitFor(); // the seeded courses

    const title = `低压电工上岗培训（${viewport}）`;
    const form = page.getByRole('form', { name: '新建课程' });
    await form.getByLabel('课程名称').fill(title);
    await form.getByLabel('培训机构').fill('和顺县职业技能培训中心');
    await form.getByLabel('培训技能').fill('diangong');
    await form.locator('.options button').first().click();
    await form.locator('.chosen').waitFor();
    await form.getByLabel('结业可达等级').selectOption('3');
    await form.getByLabel('课时').fill('40');
    await form.getByLabel('每人补贴（元）').fill('800');
    await form.getByLabel('每期人数').fill('30');
    await form.getByLabel('证书', { exact: true }).fill('低压电工作业证');
    await form.getByRole('button', { name: '新建课程' }).click();
    await form.locator('.notice', { hasText: '课程已建立' }).waitFor();
    await page.getByRole('link', { name: title }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    await page.locator('main .state.empty', { hasText: '这门课还没有开班' }).waitFor();

    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const batchForm = page.getByRole('form', { name: '安排开班' });
    await batchForm.getByLabel('开班日期').fill(inDays(viewport === 'phone' ? 30 : 31));
    await batchForm.getByLabel('结业日期').fill(inDays(45));
    await batchForm.getByLabel('乡镇').selectOption('140723100');
    await batchForm.getByLabel('村', { exact: true }).selectOption('140723100236');
    await batchForm.getByLabel('详细地址').fill('恋思村党群服务中心');
    await batchForm.getByLabel('状态').selectOption('scheduled');
    await batchForm.getByRole('button', { name: '安排开班' }).click();
    await batchForm.locator('.notice', { hasText: '已安排开班' }).waitFor();
    const batchCard = page.locator('main ul.cards > li', { hasText: '恋思村党群服务中心' });
    await batchCard.locator('.badge', { hasText: '筹备中' }).waitFor();
    await batchCard.getByRole('link').first().click();

    // The batch: moved along and its places changed.
    await page.locator('main h1', { hasText: title }).waitFor();
    // The course page before it has the same heading: wait for the batch's own action (CI at desktop
    // width counted the buttons while the course page was still shown).
    await page.getByRole('button', { name: '开始报名' }).waitFor();
    t.equal(await page.getByRole('button', { name: '开始报名' }).count(), 1, 'open enrolment');
    t.equal(await page.getByRole('button', { name: '取消本期' }).count(), 1, 'cancel');
    await page.getByRole('button', { name: '开始报名' }).click();
    await page.locator('main .meta .badge', { hasText: '报名中' }).waitFor();
    await page.getByRole('button', { name: '开始上课' }).waitFor();
    t.equal(await page.getByRole('button', { name: '开始上课' }).count(), 1, 'next: classes start');
    await page.getByRole('spinbutton', { name: '名额' }).fill('25');
    await page.getByRole('button', { name: '保存名额' }).click();
    await page.locator('main .meta', { hasText: '已报名 0 / 25 人' }).waitFor();

    // One worker enrolled, and their enrolment opened.
    const worker = page.getByLabel('务工人员', { exact: true });
    await worker.locator('option').nth(1).waitFor({ state: 'attached' });
    await worker.selectOption({ index: 1 });
    await page.getByRole('button', { name: '报名', exact: true }).click();
    const row = page.getByRole('list', { name: '报名名单' }).locator('li').first();
    await row.locator('.badge', { hasText: '已报名' }).waitFor();
    await row.getByRole('link').click();
    await page.locator('main dl.facts').waitFor();
    await page.locator('main dd .badge', { hasText: '已报名' }).waitFor();
    const attendance = page.getByRole('form', { name: '记录出勤' });
    await attendance.getByLabel('已出勤次数').fill('3');
    await attendance.getByLabel('总课次').fill('10');
    await attendance.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('main dd', { hasText: '3 / 10 次（30%）' }).waitFor();
  });

  journey('an officer reads the party groups and changes a work group', async (t, page, viewport) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '工会组织' }).click();
    await page.locator('main nav.subnav').getByRole('link', { name: '党小组' }).click();
    await page.locator('main h1', { hasText: '党小组' }).waitFor();
    const figures = page.getByRole('table', { name: '党建数字' });
    await figures.locator('tbody tr', { hasText: '恋思村' }).waitFor();
    t.equal(await figures.locator('thead th').count(), 7, 'place and six figures');
    await figures.locator('tfoot th', { hasText: '合计' }).waitFor();
    const group = page.getByRole('list', { name: '党小组名单' }).locator('li').first();
    const name = (await group.locator('h3 a').textContent())!.trim();
    await group.locator('h3 a').click();
    await page.locator('main h1', { hasText: name }).waitFor();
    await page.locator('main h2', { hasText: '成员与联系的务工人员' }).waitFor();

    await page.getByRole('link', { name: '工会组织' }).first().click();
    await page.getByRole('link', { name: '恋思村工会工作组' }).click();
    await page.locator('main h1', { hasText: '恋思村工会工作组' }).waitFor();
    const edit = page.getByRole('form', { name: '修改工作组' });
    const leader = viewport === 'phone' ? '韩建国' : '韩建军';
    await edit.getByLabel('组长').fill(leader);
    await edit.getByLabel('牵头的党小组').waitFor(); // the party group leading it
    await edit.getByLabel('乡镇').waitFor();
    await edit.getByRole('button', { name: '保存修改' }).click();
    await edit.locator('.notice', { hasText: '已保存' }).waitFor();
    await page.locator('main .meta', { hasText: leader }).waitFor();
  });

  journey('a worker waves an opening away and keeps a search', async (t, page, viewport) => {
    const worker = await token('worker.demo');
    const matched = async (openingId: string) =>
      (
        (await api.get(`/api/v1/workers/${worker.workerId}/matches?limit=100`, worker.accessToken)).body as {
          items: { openingId: string }[];
        }
      ).items.some((m) => m.openingId === openingId);
    await signIn(page, base, 'worker.demo', DEMO_PASSWORD);
    await page.locator('main h1', { hasText: '为我推荐' }).waitFor();
    const wave = page.getByRole('button', { name: /^不感兴趣：/ }).nth(viewport === 'phone' ? 0 : 1);
    await wave.waitFor();
    const marked = page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/not-interested/'));
    await wave.click();
    const openingId = /\/not-interested\/([0-9a-f-]{36})/.exec((await marked).url())![1]!;
    await page.locator('main .notice', { hasText: '已标记不感兴趣' }).waitFor();
    await eventually('the opening leaves the matches', async () => !(await matched(openingId)), 30_000);
    t.notOk(await matched(openingId), 'not matched any more');
    await page.getByRole('button', { name: /^撤销不感兴趣：/ }).click();
    await page.locator('main .notice', { hasText: '已标记不感兴趣' }).waitFor({ state: 'detached' });
    await eventually('the opening is back', () => matched(openingId), 30_000);
    t.ok(await matched(openingId), 'matched again after undo');

    await page.getByRole('link', { name: '找工作' }).click();
    await page.locator('.count', { hasText: '共' }).waitFor();
    await page.getByLabel('关键词').fill('电焊工');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.locator('main summary', { hasText: '保存的搜索' }).click();
    const name = `县内电焊（${viewport}）`;
    const save = page.getByRole('form', { name: '保存现在的搜索' });
    await save.getByLabel('给这个搜索起个名字').fill(name);
    await save.getByRole('button', { name: '保存现在的搜索' }).click();
    await save.locator('.notice', { hasText: '已保存' }).waitFor();
    const saved = async () =>
      ((await api.get('/api/v1/saved-searches', worker.accessToken)).body as { items: { name: string; q?: string }[] })
        .items;
    t.same(
      (await saved()).filter((s) => s.name === name).map((s) => s.q),
      ['电焊工'],
      'kept with its words',
    );
    // The form shows what a click put in it a render later: wait for it, then read it.
    const keywords = page.getByLabel('关键词');
    const shows = (words: string) =>
      eventually(`the keyword box shows "${words}"`, async () => (await keywords.inputValue()) === words, 10_000);
    await page.getByRole('button', { name: '清除筛选' }).click();
    await shows('');
    t.equal(await keywords.inputValue(), '');
    await page.getByRole('button', { name: `用这个搜索：${name}` }).click();
    await shows('电焊工');
    t.equal(await keywords.inputValue(), '电焊工', 'a saved search searches again');
    await page.getByRole('button', { name: `删除保存的搜索：${name}` }).click();
    await page.getByRole('button', { name: `用这个搜索：${name}` }).waitFor({ state: 'detached' });
    t.equal((await saved()).filter((s) => s.name === name).length, 0, 'deleted');
  });

  journey('a worker reads their subsidies and where each stands', async (t, page, viewport) => {
    // A worker of the demo county with subsidies, one for each width, given an account of their own.
    type Subsidy = { workerId: string; ruleName?: string; status: string };
    const ledger = (await api.get('/api/v1/subsidies?limit=100', admin.accessToken)).body.items as Subsidy[];
    const workers = [...new Set(ledger.map((s) => s.workerId))];
    t.ok(workers.length >= 2, `the demo county has workers with subsidies (${workers.length})`);
    const workerId = workers[viewport === 'phone' ? 0 : 1]!;
    const username = `subsidy.${viewport}`;
    const password = `Butie-mima-${viewport}-2026`;
    const created = await api.post(
      '/api/v1/accounts',
      { username, password, role: 'worker', displayName: `奖补测试${viewport}`, workerId },
      admin.accessToken,
    );
    t.equal(created.status, 201, `a worker account (${created.status})`);

    await signIn(page, base, username, password);
    await page.getByRole('link', { name: '我的奖补' }).click();
    await page.locator('main h1', { hasText: '我的奖补' }).waitFor();
    const own = ledger.filter((s) => s.workerId === workerId);
    const cards = page.locator('main ul.cards > li');
    await cards.first().waitFor();
    t.equal(await cards.count(), own.length, 'each of their subsidies, and no one else’s');
    const states = { eligible: '待审批', approved: '已批准', paid: '已发放' } as Record<string, string>;
    for (const s of own) {
      t.equal(
        (await cards.filter({ hasText: s.ruleName! }).filter({ hasText: states[s.status]! }).count()) > 0,
        true,
        `${s.ruleName}: ${states[s.status]}`,
      );
    }
  });

  journey(
    'the administrator prints and exports the dashboard, subsidy approvals and the coverage list',
    async (t, page) => {
      // window.print is counted instead of opening the print dialog.
      await page.addInitScript(() => {
        const w = globalThis as unknown as { print: () => void; printed?: number };
        w.print = () => {
          w.printed = (w.printed ?? 0) + 1;
        };
      });
      const printed = async () => Number(await page.evaluate('globalThis.printed ?? 0'));
      // 导出 Excel: the file the browser is given, read back; its sheets' names.
      const exported = async () => {
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: '导出 Excel' }).click();
        const file = await (await download).path();
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await readFile(file)) as never);
        return wb.worksheets.map((w) => w.name);
      };
      await signIn(page, base, 'admin', DEMO_PASSWORD);
      await page.locator('main h1', { hasText: '数据看板' }).waitFor();
      await page.locator('.stat', { hasText: '登记务工人员' }).waitFor();
      const title = page.locator('main .print-title');
      t.notOk(await title.isVisible(), 'the printed title is for paper only');
      await page.getByRole('button', { name: '打印' }).click();
      t.equal(await printed(), 1, '打印 prints');
      await page.emulateMedia({ media: 'print' });
      t.ok(await title.isVisible(), 'the county and the date on paper');
      t.match(await title.textContent(), /和顺县.*打印日期：\d{4}-\d{2}-\d{2}/);
      t.notOk(await page.locator('nav.primary').isVisible(), 'no menu on paper');
      t.notOk(await page.locator('header.top').isVisible(), 'no header on paper');
      t.notOk(await page.getByRole('button', { name: '打印' }).isVisible(), 'no buttons on paper');
      t.ok(await page.locator('main h1', { hasText: '数据看板' }).isVisible(), 'the screen itself is printed');
      await page.emulateMedia({ media: 'screen' });

      t.same(await exported(), ['数据看板', '每月就业'], '导出 Excel gives the dashboard as a sheet');

      await page.getByRole('link', { name: '奖补审批' }).click();
      await page.locator('main h1', { hasText: '奖补审批' }).waitFor();
      await page.getByRole('button', { name: '打印' }).click();
      t.equal(await printed(), 2);
      t.same(await exported(), ['奖补'], 'and the subsidies of the state shown');

      await page.getByRole('link', { name: '覆盖清单' }).click();
      await page.locator('main h2', { hasText: '未覆盖人员' }).waitFor();
      t.same(await exported(), ['未覆盖人员', '各村覆盖情况'], 'and the coverage list');
      const byPlace = page.locator('main details', { hasText: '各村覆盖情况' }).first();
      t.equal(await byPlace.getAttribute('open'), null, 'folded on the screen');
      await page.getByRole('button', { name: '打印' }).click();
      t.equal(await printed(), 3);
      t.not(await byPlace.getAttribute('open'), null, 'unfolded for paper');
      await page.emulateMedia({ media: 'print' });
      t.notOk(await page.locator('main select').first().isVisible(), 'no form controls on paper');
      await page.emulateMedia({ media: 'screen' });
    },
  );
}
