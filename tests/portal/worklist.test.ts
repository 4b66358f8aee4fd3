import { DEMO_PASSWORD, runsWith } from '@tongxin/test-harness';
import t from 'tap';
import { journeysIn, launchBrowser, seededCounty, signIn } from './browser.ts';

// The officer's worklist (ADR 0016) and the work it leads to — follow-ups and separations, training
// batches, skill gaps — and the administrator's accounts, subsidy rules and employer suspension (issue
// 19), in real headless Chromium, at a phone's and a desktop's width,
// against `npm start`'s embedded county seeded with the demo data: the counts by kind on the
// officer's home and the administrator's dashboard, the whole list, one kind at a time.
if (runsWith(t, 'chromium')) {
  t.setTimeout(900_000);
  const { base, api } = await seededCounty(t);
  const { browser, close } = await launchBrowser();
  t.teardown(close);

  const journey = journeysIn(t, browser);

  // Fixtures first, checked in a subtest: an assertion while no subtest is pending finds the root test ended.
  // The fixture the next journey needs, at each width: a follow-up owed and a placement still active.
  const officer = (
    await api.post('/api/v1/auth/token', {
      username: 'officer.yixing',
      password: DEMO_PASSWORD,
    })
  ).body as { accessToken: string };
  const owed = await Promise.all(
    ['due=true', 'overdue=true'].map(
      async (q) =>
        ((await api.get(`/api/v1/placements?${q}&limit=100`, officer.accessToken)).body as { items: unknown[] }).items
          .length,
    ),
  );
  const active = (
    (await api.get('/api/v1/placements?status=active&limit=100', officer.accessToken)).body as {
      items: unknown[];
    }
  ).items.length;

  // Households of 义兴镇 with incomes this year, for the poverty list.
  const incomes = (
    await api.get(
      `/api/v1/ledgers/incomes/households?township=140723100&below=false&year=${new Date().getUTCFullYear()}&limit=5`,
      officer.accessToken,
    )
  ).body as { items: unknown[] };

  // A batch in 义兴镇 open for enrolment, for the officer's training journey at both widths.
  const admin = (
    await api.post('/api/v1/auth/token', {
      username: 'admin',
      password: DEMO_PASSWORD,
    })
  ).body as {
    accessToken: string;
  };
  const course = (
    (await api.get('/api/v1/courses?limit=1', admin.accessToken)).body as {
      items: { id: string; title: string }[];
    }
  ).items[0]!;
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const batch = await api.post(
    `/api/v1/courses/${course.id}/batches`,
    {
      startDate: inDays(3),
      endDate: inDays(20),
      place: { regionCode: '140723100', address: '义兴镇便民服务中心培训室' },
      capacity: 40,
      status: 'open',
    },
    admin.accessToken,
  );
  const batchId = (batch.body as { id: string }).id;

  // A verified employer for each width's suspension (not the demo employer's own company).
  const demoEmployer = (
    (
      await api.post('/api/v1/auth/token', {
        username: 'employer.demo',
        password: DEMO_PASSWORD,
      })
    ).body as {
      employerId: string;
    }
  ).employerId;
  const verified = (
    (await api.get('/api/v1/employers?status=verified&limit=100', admin.accessToken)).body as {
      items: { id: string; name: string }[];
    }
  ).items.filter((e) => e.id !== demoEmployer);

  t.test('fixtures', async (t) => {
    t.ok(owed[0]! + owed[1]! >= 2, `义兴镇 owes follow-ups at both widths (${owed[0]} due, ${owed[1]} overdue)`);
    t.ok(active >= 4, `义兴镇 has active placements for both widths (${active})`);
    t.ok(incomes.items.length >= 1, `households of 义兴镇 with incomes this year (${incomes.items.length})`);
    t.equal(batch.status, 201, `a batch of 义兴镇 to enrol in (${batch.status})`);
    t.ok(verified.length >= 2, `verified employers to suspend at both widths (${verified.length})`);
  });

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

  journey('officer: a follow-up from the worklist, then a separation', async (t, page) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '工作清单' }).first().click();
    await page.locator('main h1', { hasText: '工作清单' }).waitFor();
    await page.locator('main a', { hasText: '记录回访' }).first().click();
    await page.waitForURL(/#\/placements\/[0-9a-f-]{36}$/);
    const form = page.locator('main form', { hasText: '天回访' });
    await form.getByLabel('是否仍在岗').selectOption('true');
    await form.getByLabel('工资是否按时发放').selectOption('false');
    await form.getByLabel('备注').fill('工资晚发半个月，已提醒企业');
    await form.getByRole('button', { name: '保存回访' }).click();
    await page.locator('main .notice', { hasText: '回访已记录' }).waitFor();
    await page.locator('main .follow-ups li', { hasText: '工资未按时' }).first().waitFor();

    await page.getByRole('link', { name: '回访跟踪' }).first().click();
    await page.locator('main h1', { hasText: '回访跟踪' }).waitFor();
    await page.locator('main .subnav a', { hasText: '全部' }).click();
    await page.waitForURL(/#\/placements\/all$/);
    // The first placement still active, then that one by its link: once it ends, it has no 登记离岗 any more.
    const active = page.locator('main li.placement', { has: page.locator('summary', { hasText: '登记离岗' }) }).first();
    const href = await active.locator('h2 a').first().getAttribute('href');
    const card = page.locator('main li.placement', { has: page.locator(`h2 a[href="${href}"]`) });
    await card.locator('summary', { hasText: '登记离岗' }).click();
    await card.getByLabel('离岗原因').fill('回乡照顾老人');
    await card.getByRole('button', { name: '保存离岗登记' }).click();
    await card.locator('.notice', { hasText: '离岗已登记' }).waitFor();
    t.equal(await card.locator('.badge', { hasText: '已离岗' }).count(), 1, 'the placement shows it ended');

    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('main h1', { hasText: 'Placement follow-ups' }).waitFor();
  });

  journey('officer: a training batch — enrol a worker, then attending and completed; skill gaps', async (t, page) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '培训班' }).first().click();
    await page.locator('main h1', { hasText: '培训班' }).waitFor();
    await page.locator(`main a[href="#/training/${batchId}"]`).click();
    await page.locator('main h1', { hasText: course.title }).waitFor();
    const enrol = page.locator('main form', { hasText: '为务工人员报名' });
    await enrol.getByLabel('务工人员').selectOption({ index: 1 });
    const chosen = (await enrol.getByLabel('务工人员').locator('option:checked').textContent())!.split(' · ')[0]!;
    await enrol.getByRole('button', { name: '报名' }).click();
    await enrol.locator('.notice', { hasText: '已报名' }).waitFor();
    const row = page.locator('main li.card', { hasText: chosen });
    await row.locator('.badge', { hasText: '已报名' }).waitFor();
    await row.getByRole('button', { name: `${chosen}：开始上课` }).click();
    await row.locator('.badge', { hasText: '学习中' }).waitFor();
    await row.getByLabel('证书编号').fill(`HS2026-${Date.now() % 100000}`);
    await row.getByRole('button', { name: '结业' }).click();
    await row.locator('.badge', { hasText: '已结业' }).waitFor();
    t.pass(`${chosen} enrolled, attending and completed`);

    await page.getByRole('link', { name: '技能缺口' }).first().click();
    await page.locator('main h1', { hasText: '技能缺口' }).waitFor();
    await page.locator('main .stat', { hasText: '在招岗位' }).waitFor();
    await page.locator('main ul.cards > li, main .state.empty').first().waitFor();
  });

  journey('officer: a party application, then an activist', async (t, page) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '入党申请' }).click();
    await page.locator('main h1', { hasText: '入党申请和积极分子' }).waitFor();
    const form = page.locator('main form', { hasText: '登记入党申请' });
    const worker = form.getByLabel('务工人员');
    await worker.locator('option').nth(1).waitFor({ state: 'attached' });
    // A worker without an application yet: each width records a different one.
    const listed = await page.locator('main ul.cards h2').allTextContents();
    const options = await worker.locator('option').allTextContents();
    const index = options.findIndex((o, i) => i > 0 && !listed.includes(o.split(' · ')[0]!));
    t.ok(index > 0, 'a worker to record an application for');
    await worker.selectOption({ index });
    const name = options[index]!.split(' · ')[0]!;
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await form.locator('.notice', { hasText: '入党申请已登记' }).waitFor();
    const card = page.locator('main li.card', { has: page.locator('h2', { hasText: name }) }).first();
    await card.getByRole('button', { name: '确定为积极分子' }).click();
    await card.locator('.badge', { hasText: '起为积极分子' }).waitFor();
  });

  journey('officer: the household poverty list', async (_t, page) => {
    await signIn(page, base, 'officer.yixing', DEMO_PASSWORD);
    await page.getByRole('link', { name: '收入监测' }).click();
    await page.locator('main h1', { hasText: '家庭收入监测' }).waitFor();
    await page.locator('main p.count', { hasText: '贫困线' }).waitFor();
    await page.getByLabel('显示').selectOption('all');
    await page.locator('main ul.cards > li').first().waitFor();
    await page
      .locator('main .badge', { hasText: /于贫困线/ })
      .first()
      .waitFor();
  });

  journey('employer: a recruitment intent and its progress', async (_t, page, viewport) => {
    await signIn(page, base, 'employer.demo', DEMO_PASSWORD);
    await page.getByRole('link', { name: '招工意向' }).click();
    await page.locator('main h1', { hasText: '招工意向' }).waitFor();
    const form = page.locator('main form', { hasText: '登记招工意向' });
    const note = `春节后返岗招用（${viewport === 'phone' ? '手机' : '电脑'}）`;
    await form.getByLabel('计划招用人数').fill('12');
    await form.getByLabel('截止日期').fill(inDays(60));
    await form.getByLabel('备注').fill(note);
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await form.locator('.notice', { hasText: '招工意向已登记' }).waitFor();
    const card = page.locator('main li.card', { hasText: note });
    await card.locator('.bar-value', { hasText: '/ 12 人' }).waitFor();
    await card.locator('summary', { hasText: '修改' }).click();
    await card.getByLabel('计划招用人数').fill('15');
    await card.getByRole('button', { name: '保存修改' }).click();
    await card.locator('.bar-value', { hasText: '/ 15 人' }).waitFor();
  });

  journey('administrator: accounts, subsidy rules, suspending an employer', async (t, page, viewport) => {
    await signIn(page, base, 'admin', DEMO_PASSWORD);
    await page.getByRole('link', { name: '账号管理' }).click();
    await page.locator('main h1', { hasText: '账号管理' }).waitFor();
    const username = `officer.test.${viewport}`;
    await page.locator('main summary', { hasText: '新建账号' }).click();
    const form = page.locator('main form', { hasText: '初始密码' });
    await form.getByLabel('登录账号').fill(username);
    await form.getByLabel('显示名称').fill(viewport === 'phone' ? '测试帮扶员甲' : '测试帮扶员乙');
    await form.getByLabel('乡镇').selectOption('140723100');
    await form.getByLabel('初始密码').fill('Officer#Test#2026');
    await form.getByRole('button', { name: '创建账号' }).click();
    await form.locator('.notice', { hasText: '账号已创建' }).waitFor();
    const card = page.locator('main li.card', { hasText: username });
    await card.getByRole('button', { name: `停用 ${username}` }).click();
    await card.locator('.badge', { hasText: '已停用' }).waitFor();
    await card.getByRole('button', { name: `启用 ${username}` }).click();
    await card.locator('.badge', { hasText: '正常' }).waitFor();
    await card.locator('summary', { hasText: '重设密码' }).click();
    await card.getByLabel('新密码').fill('Officer#Reset#2026');
    await card.getByRole('button', { name: '重设', exact: true }).click();
    await card.locator('.notice', { hasText: '密码已重设' }).waitFor();
    const signedIn = await api.post('/api/v1/auth/token', {
      username,
      password: 'Officer#Reset#2026',
    });
    t.equal(signedIn.status, 200, 'the new account signs in with the new password');

    await page.getByRole('link', { name: '奖补规则' }).click();
    await page.locator('main h1', { hasText: '奖补规则' }).waitFor();
    await page.locator('main ul.cards > li').first().waitFor();

    await page.getByRole('link', { name: '企业审核' }).click();
    await page.getByLabel('状态').selectOption('verified');
    const employer = verified[viewport === 'phone' ? 0 : 1]!;
    const company = page.locator('main li.card', { hasText: employer.name });
    await company.locator('summary', { hasText: '暂停合作' }).click();
    await company.getByLabel('暂停原因').fill('拖欠工资，暂停合作待核查');
    await company.locator('form button[type=submit]', { hasText: '暂停合作' }).click();
    await company.locator('.badge', { hasText: '已暂停' }).waitFor();
    await company.locator('p', { hasText: '拖欠工资' }).waitFor();
  });

  journey('administrator: the worklist on the dashboard', async (_t, page) => {
    await signIn(page, base, 'admin', DEMO_PASSWORD);
    await page.locator('main h1', { hasText: '数据看板' }).waitFor();
    await page.locator('main .worklist-summary a.stat', { hasText: '奖补待办' }).waitFor();
    await page.getByRole('link', { name: '工作清单' }).first().click();
    await page.locator('main h1', { hasText: '工作清单' }).waitFor();
  });
}
