import { heshunPlan, scaleFromEnv } from '../heshun-plan.ts';
import type { SeedContext } from '../seed-context.ts';

/** The relocated villages (易地扶贫搬迁) and their reserved places: 3,300 over the 41 villages. */
export async function seed(ctx: SeedContext): Promise<void> {
  const plan = heshunPlan(scaleFromEnv());
  const relocated = plan.villages.filter((v) => v.relocated);
  for (const [k, v] of relocated.entries()) {
    const r = await ctx.api.request('PUT', `/api/v1/relocated-villages/${v.code}`, {
      token: ctx.admin,
      body: { quota: v.relocated!.quota, sites: [v.relocated!.site] },
    });
    if (r.status !== 200) throw new Error(`seed: relocated village ${v.code}: ${r.status} ${JSON.stringify(r.body)}`);
    ctx.progress('relocated villages', k + 1, relocated.length);
  }
}
