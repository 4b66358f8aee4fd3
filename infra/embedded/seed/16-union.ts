import type { SeedContext } from '../seed-context.ts';

const PILOTS = [
  {
    township: '140723100',
    federation: '义兴镇工会联合会',
    chair: '赵文华',
    village: '140723100236',
    group: '恋思村工会工作组',
    leader: '王建军',
    // 恋思村 declares all three: with its ledgers current it meets the standard.
    declarations: {
      venue: {
        declaredOn: '2026-09-01',
        evidence: '村委会二楼“职工之家”活动室，配备桌椅、电脑和宣传栏',
        documentRef: '义兴工联〔2026〕5号',
      },
      rules: {
        declaredOn: '2026-09-05',
        evidence: '工作组议事规则、会员发展与管理制度、困难帮扶制度上墙',
        documentRef: '恋思村工会制度汇编（2026版）',
      },
      platform: {
        declaredOn: '2026-09-10',
        evidence: '微信群“恋思村在外务工人员之家”，126名务工人员入群',
        documentRef: '群二维码及成员截图 LS-WX-2026-01',
      },
    } as Record<string, { declaredOn: string; evidence: string; documentRef: string }>,
  },
  {
    township: '140723102',
    federation: '松烟镇工会联合会',
    chair: '孙丽萍',
    village: '140723102201',
    group: '白仁村工会工作组',
    leader: '李志刚',
    // 白仁村 has no rules on record yet: the county view shows what it lacks.
    declarations: {
      venue: {
        declaredOn: '2026-10-08',
        evidence: '村党群服务中心一楼会议室兼作工会活动场所',
        documentRef: '松烟工联〔2026〕2号',
      },
      platform: {
        declaredOn: '2026-10-12',
        evidence: '微信群“白仁村务工人员联络群”，87人',
        documentRef: '截图存档 BR-WX-01',
      },
    } as Record<string, { declaredOn: string; evidence: string; documentRef: string }>,
  },
];

/**
 * The union organisation for the demo county, through the public API: the federations of the two
 * pilot townships, a work group per pilot village led by its party group (党建带工建), most of the
 * village's workers as members, and the 七有 declarations of the two pilot villages.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const must = (what: string, r: { status: number; body: unknown }, ok = [200, 201]) => {
    if (!ok.includes(r.status)) throw new Error(`seed ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Record<string, any>;
  };
  const partyGroups = must('party groups', await ctx.api.get('/api/v1/party-groups?limit=200', ctx.admin)).items as {
    id: string;
    villageCode: string;
  }[];
  for (const [pi, p] of PILOTS.entries()) {
    const fed = must(
      'federation',
      await ctx.api.post(
        '/api/v1/union/federations',
        { townshipCode: p.township, name: p.federation, leaderName: p.chair },
        ctx.admin,
      ),
      [201, 409],
    );
    const federationId = (fed.id ?? fed.existingId) as string;
    const existing = must('work groups', await ctx.api.get(`/api/v1/union/work-groups?village=${p.village}`, ctx.admin))
      .items as { id: string; name: string }[];
    const partyGroup = partyGroups.find((g) => g.villageCode === p.village);
    const group =
      existing.find((g) => g.name === p.group) ??
      must(
        'work group',
        await ctx.api.post(
          '/api/v1/union/work-groups',
          {
            federationId,
            name: p.group,
            leaderName: p.leader,
            villageCodes: [p.village],
            ...(partyGroup ? { partyGroupId: partyGroup.id } : {}),
          },
          ctx.admin,
        ),
      );
    const workers = must('workers', await ctx.api.get(`/api/v1/workers?village=${p.village}&limit=200`, ctx.admin))
      .items as { id: string }[];
    // Four in five of the village's workers are members.
    const members = workers.filter((_, i) => i % 5 !== 4);
    for (const [i, w] of members.entries()) {
      must(
        'membership',
        await ctx.api.post(
          `/api/v1/workers/${w.id}/union-membership`,
          {
            workGroupId: group.id,
            membershipNo: `${p.village.slice(6)}-${String(i + 1).padStart(3, '0')}`,
            joinedOn: `2026-${String(3 + (i % 6)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
          },
          ctx.admin,
        ),
        [200, 201, 409],
      );
      ctx.progress(`union members of ${p.group}`, i + 1, members.length);
    }
    for (const [item, body] of Object.entries(p.declarations)) {
      must(
        '七有 declaration',
        await ctx.api.request('PUT', `/api/v1/villages/${p.village}/qiyou/${item}`, { body, token: ctx.admin }),
      );
    }
    ctx.progress('union organisation', pi + 1, PILOTS.length);
  }
}
