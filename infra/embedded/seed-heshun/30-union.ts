import { regionShortName } from '@tongxin/regions';
import { heshunPlan, personName, scaleFromEnv } from '../heshun-plan.ts';
import { importSheet, inParallel, listAll, workbook } from '../heshun-sheets.ts';
import type { SeedContext } from '../seed-context.ts';

/**
 * The union organisation: a federation per township and the villages' work groups through the API,
 * led by the village's party group (党建带工建), then each village's union ledger (工会会员台账)
 * through the import.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const plan = heshunPlan(scaleFromEnv());
  const must = (what: string, r: { status: number; body: any }, ok = [200, 201]) => {
    if (!ok.includes(r.status)) throw new Error(`seed ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Record<string, any>;
  };
  const federations: Record<string, string> = {};
  for (const township of [...new Set(plan.villages.map((v) => v.townshipCode))]) {
    const body = must(
      'federation',
      await ctx.api.post(
        '/api/v1/union/federations',
        {
          townshipCode: township,
          name: `${regionShortName(township)}工会联合会`,
          leaderName: personName(80_000 + Number(township.slice(6))),
        },
        ctx.admin,
      ),
      [201, 409],
    );
    federations[township] = (body.id ?? body.existingId) as string;
  }
  const partyGroups = await listAll<{ id: string; name: string; villageCode: string }>(ctx, '/api/v1/party-groups');
  const existing = new Set(
    (await listAll<{ name: string; villageCodes: string[] }>(ctx, '/api/v1/union/work-groups')).map(
      (g) => `${g.villageCodes[0]} ${g.name}`,
    ),
  );
  let made = 0;
  await inParallel(plan.unionGroups, 4, async (g) => {
    if (!existing.has(`${g.villageCode} ${g.name}`)) {
      const party = partyGroups.find(
        (p) => p.villageCode === g.villageCode && p.name === `${g.name.slice(0, -5)}流动党员党小组`,
      );
      must(
        'work group',
        await ctx.api.post(
          '/api/v1/union/work-groups',
          {
            federationId: federations[g.townshipCode],
            name: g.name,
            leaderName: g.leaderName,
            villageCodes: [g.villageCode],
            ...(party ? { partyGroupId: party.id } : {}),
          },
          ctx.admin,
        ),
      );
    }
    ctx.progress('union work groups', ++made, plan.unionGroups.length);
  });

  const done = new Set((ctx.state.unionVillages as string[] | undefined) ?? []);
  let members = 0;
  const byGroup = new Map(plan.unionGroups.map((g) => [g.g, g]));
  await inParallel(
    plan.villages.filter((v) => !done.has(v.code)),
    2,
    async (v) => {
      const rows = v.workers
        .filter((w) => w.unionGroup !== undefined)
        .map((w, k) => [
          w.idNumber,
          byGroup.get(w.unionGroup!)!.name,
          `${v.code.slice(6)}-${String(k + 1).padStart(4, '0')}`,
          `20${String(18 + (w.i % 8)).padStart(2, '0')}-${String(1 + (w.i % 12)).padStart(2, '0')}-01`,
        ]);
      if (rows.length)
        await importSheet(
          ctx,
          'union',
          await workbook('工会会员台账', ['身份证号', '工作组', '会员证号', '入会日期'], rows),
          `union ledger of ${v.name}`,
        );
      done.add(v.code);
      ctx.state.unionVillages = [...done];
      await ctx.checkpoint();
      members += rows.length;
      ctx.progress('village union ledgers (members)', members, plan.figures.unionMembers);
    },
  );
}
