import type { SeedContext } from '../seed-context.ts';

/** Villages marked relocated in the demo: those of hired relocated workers first, then others. */
const VILLAGES = 12;
/** Places of each quota left to fill, so that the county shows vacant places too. */
const HEADROOM = 3;
const YIXING = '140723100';

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Every item of a paged list, as the administrator. */
async function all<T>(ctx: SeedContext, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await ctx.api.get<Page<T>>(`${path}${sep}limit=200${cursor ? `&cursor=${cursor}` : ''}`, ctx.admin);
    if (r.status !== 200) throw new Error(`seed: ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Relocated villages (易地扶贫搬迁) and their reserved places (帮扶岗位): the villages of the demo's
 * relocated workers are marked, each with a quota, and the openings their workers were hired on are
 * designated for them, plus a reserved opening with places still open, so that offered, filled and
 * vacant all show something. Everything through the public API.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const relocated = await all<{ id: string; homeVillageCode: string }>(ctx, '/api/v1/workers?relocated=true');
  if (relocated.length === 0) return;
  const villageOf = new Map(relocated.map((w) => [w.id, w.homeVillageCode]));

  // Hires of relocated workers per village and opening: what the designations will count as filled.
  const hires = new Map<string, Map<string, number>>();
  const placements = await all<{ workerId: string; openingId: string }>(ctx, '/api/v1/placements?status=active');
  for (const p of placements) {
    const village = villageOf.get(p.workerId);
    if (!village) continue;
    const byOpening = hires.get(village) ?? new Map<string, number>();
    byOpening.set(p.openingId, (byOpening.get(p.openingId) ?? 0) + 1);
    hires.set(village, byOpening);
  }
  // Then villages of 义兴镇, where the demo officer works.
  const others = relocated
    .map((w) => w.homeVillageCode)
    .sort((a, b) => Number(!a.startsWith(YIXING)) - Number(!b.startsWith(YIXING)));
  const villages = [...new Set([...hires.keys(), ...others])].slice(0, VILLAGES);

  // Positions left per opening for designations, and an open reserved one for the places still to fill.
  const free = new Map<string, number>();
  const openingIds = ((ctx.state.openingIds as (string | undefined)[] | undefined) ?? []).filter((o): o is string =>
    Boolean(o),
  );
  let reserved: string | undefined;
  for (const id of openingIds) {
    const o = await ctx.api.get(`/api/v1/openings/${id}`, ctx.admin);
    if (o.status !== 200) continue;
    free.set(id, o.body.headcount as number);
    if (!reserved && o.body.reservedForPoor && o.body.status === 'open' && o.body.headcount >= 4) reserved = id;
  }

  for (const [k, village] of villages.entries()) {
    const designations = [...(hires.get(village) ?? new Map<string, number>())].map(([openingId, n]) => ({
      openingId,
      places: Math.min(n + (k % 2), free.get(openingId) ?? n),
    }));
    if (reserved && k % 3 === 0) designations.push({ openingId: reserved, places: 1 });
    const offered = designations.reduce((n, d) => n + d.places, 0);
    const put = await ctx.api.request('PUT', `/api/v1/relocated-villages/${village}`, {
      token: ctx.admin,
      body: { quota: offered + HEADROOM, sites: ['县城安置小区'] },
    });
    if (put.status !== 200)
      throw new Error(`seed: relocated village ${village}: ${put.status} ${JSON.stringify(put.body)}`);
    for (const d of designations) {
      if (d.places < 1) continue;
      const r = await ctx.api.post(`/api/v1/relocated-villages/${village}/openings`, d, ctx.admin);
      // 409: the opening's positions are taken by other villages' designations; 404: not heard of yet.
      if (r.status === 200) free.set(d.openingId, (free.get(d.openingId) ?? 0) - d.places);
      else if (r.status !== 409 && r.status !== 404)
        throw new Error(`seed: designation for ${village}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    ctx.progress('relocated villages', k + 1, villages.length);
  }
}
