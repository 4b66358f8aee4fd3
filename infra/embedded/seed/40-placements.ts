import type { ApiResponse } from '@tongxin/test-harness';
import type { SeedContext } from '../seed-context.ts';

const PASSWORD = 'Tongxin#2026';
const APPLICATIONS = Number(process.env.TONGXIN_SEED_APPLICATIONS ?? 90);
const PIPELINE = ['screening', 'interview', 'offered'] as const;
const DAY_MS = 86_400_000;
/** Days since the start of successive hires: some follow-ups fall due now, others long past. */
const START_OFFSETS = [33, 12, 95, 150, 185, 60, 200, 40, 120, 230, 75, 20];

const daysAgo = (n: number): string => new Date(Date.now() + 8 * 3_600_000 - n * DAY_MS).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The demo officer of a township, as 10-workers names them. */
const officerOf = (township: string): string =>
  township === '140723100' ? 'officer.yixing' : township === '140723102' ? 'officer.songyan' : `officer.${township}`;

/**
 * Placements for the demo county: officers refer seeded workers to seeded openings, the
 * applications stop at every step of the pipeline, about a quarter are hired with start dates
 * over the last eight months, and the follow-ups that fell due are mostly recorded — some with
 * unpaid wages, some with the worker gone home, some left due or overdue for the officers' work
 * lists. A few subsidies are approved and paid. Everything goes through the public API.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const workerIds = ((ctx.state.workerIds as (string | undefined)[] | undefined) ?? []).filter((w): w is string =>
    Boolean(w),
  );
  const openingIds = ((ctx.state.openingIds as (string | undefined)[] | undefined) ?? []).filter((o): o is string =>
    Boolean(o),
  );
  if (workerIds.length === 0 || openingIds.length === 0) return;

  const tokens = new Map<string, string>();
  const officerToken = async (township: string): Promise<string> => {
    const username = officerOf(township);
    if (!tokens.has(username)) tokens.set(username, await ctx.login(username, PASSWORD).catch(() => ctx.admin));
    return tokens.get(username)!;
  };

  // Out-of-province and reserved openings first, so the subsidy and 帮扶岗位 figures have something to show.
  const openings: { id: string; tier: string; reservedForPoor: boolean }[] = [];
  for (const id of openingIds) {
    const r = await ctx.api.get(`/api/v1/openings/${id}`, ctx.admin);
    if (r.status === 200 && r.body.status === 'open') openings.push(r.body);
  }
  if (openings.length === 0) return;
  openings.sort((a, b) => Number(b.tier === 'out_of_province') - Number(a.tier === 'out_of_province'));

  const total = Math.min(APPLICATIONS, workerIds.length);
  const placements: { id: string; township: string; startDate: string; i: number }[] = [];
  for (let i = 0; i < total; i++) {
    const workerId = workerIds[(i * 3) % workerIds.length]!;
    const worker = await ctx.api.get(`/api/v1/workers/${workerId}`, ctx.admin);
    if (worker.status !== 200) continue;
    const township = String(worker.body.homeVillageCode).slice(0, 9);
    const poor = worker.body.householdStatus === 'registered_poor' || worker.body.relocated;
    const candidates = openings.filter((o) => poor || !o.reservedForPoor);
    const opening = candidates[(i * 7) % candidates.length]!;

    // The township's officer refers (推荐) the worker: the seeded workers have no accounts of their own.
    const token = await officerToken(township);
    const submitted = await untilKnown(() =>
      ctx.api.post(
        '/api/v1/applications',
        { openingId: opening.id, workerId, ...(i % 3 === 0 ? { note: '村工作组推荐，技能对口' } : {}) },
        token,
        { 'idempotency-key': `seed-application-${i}` },
      ),
    );
    if (submitted.status !== 201) continue;
    const id = submitted.body.id as string;

    const stage = i % 8; // 0-1 submitted, 2 screening, 3 interview, 4 offered, 5 rejected, 6-7 hired
    const steps =
      stage <= 1
        ? []
        : stage === 5
          ? ['screening', 'rejected']
          : stage >= 6
            ? [...PIPELINE]
            : PIPELINE.slice(0, stage - 1);
    let moved = true;
    for (const status of steps) moved = moved && (await move(ctx, id, { status }));
    if (stage >= 6 && moved) {
      const startDate = daysAgo(START_OFFSETS[placements.length % START_OFFSETS.length]!);
      const hired = await ctx.api.patch(`/api/v1/applications/${id}`, { status: 'hired', startDate }, ctx.admin);
      if (hired.status === 200 && hired.body.placementId)
        placements.push({ id: hired.body.placementId, township, startDate, i });
    }
    ctx.progress('applications', i + 1, total);
  }

  // Follow-ups that have fallen due: most recorded, some left for the due and overdue lists.
  for (const [k, p] of placements.entries()) {
    const elapsed = Math.floor((Date.parse(daysAgo(0)) - Date.parse(p.startDate)) / DAY_MS);
    const token = await officerToken(p.township);
    for (const day of [30, 90, 180]) {
      // Not yet due; due these days (the officer's work list); or, now and then, neglected until overdue.
      if (elapsed < day || elapsed - day <= 10 || (p.i + day) % 5 === 0) continue;
      const gone = day === 90 && k % 5 === 2;
      const r = await ctx.api.post(
        `/api/v1/placements/${p.id}/follow-ups`,
        {
          day,
          stillEmployed: !gone,
          wagesPaidOnTime: !(day === 30 && k % 4 === 1),
          ...(gone
            ? { reason: '返乡照顾家人' }
            : day === 30 && k % 4 === 1
              ? { note: '工资拖欠一个月，已联系企业' }
              : {}),
        },
        token,
      );
      if (r.status !== 201 && r.status !== 409)
        throw new Error(`seed: follow-up ${day} of ${p.id}: ${r.status} ${JSON.stringify(r.body)}`);
      if (gone) break;
    }
    ctx.progress('follow-ups', k + 1, placements.length);
  }

  // The subsidy ledger: approve about half of what is eligible, pay half of that.
  const eligible = await ctx.api.get('/api/v1/subsidies?status=eligible&limit=200', ctx.admin);
  for (const [k, s] of ((eligible.body.items ?? []) as { id: string }[]).entries()) {
    if (k % 2 === 1) continue;
    await ctx.api.patch(`/api/v1/subsidies/${s.id}`, { status: 'approved' }, ctx.admin);
    if (k % 4 === 0) await ctx.api.patch(`/api/v1/subsidies/${s.id}`, { status: 'paid' }, ctx.admin);
  }
}

/** Moves an application as the administrator; a move already made by an earlier, interrupted run is fine. */
async function move(ctx: SeedContext, id: string, body: { status: string }): Promise<boolean> {
  const r = await ctx.api.patch(`/api/v1/applications/${id}`, body, ctx.admin);
  if (r.status === 200 || (r.status === 409 && r.body.code === 'ILLEGAL_TRANSITION')) return true;
  throw new Error(`seed: move ${id} to ${body.status}: ${r.status} ${JSON.stringify(r.body)}`);
}

/**
 * Placement learns of workers and openings from events, a moment after they were created:
 * a 404 means "not yet", so it asks again for up to a minute.
 */
async function untilKnown(send: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await send();
    if (r.status !== 404 || Date.now() > deadline) {
      if (r.status >= 500) throw new Error(`seed: ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    }
    await sleep(250);
  }
}
