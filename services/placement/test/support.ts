import { randomUUID } from 'node:crypto';
import type { EventType } from '@tongxin/events';
import { type Stack, type StackBus, eventually, stackBus, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import type { Test } from 'tap';

/** Which service produces an event type, by its prefix: the `source` its contract requires. */
const PRODUCERS: [RegExp, string][] = [
  [/^(worker|ledger)\./, '/tongxin/worker-profile'],
  [/^(employer|opening|recruitment-intent)\./, '/tongxin/employer'],
  [/^(course|batch|enrollment|training)\./, '/tongxin/training'],
  [/^(application|placement|subsidy)\./, '/tongxin/placement'],
];

/**
 * Publishes events as the other services would, so that placement can be tested on its own:
 * on the stack's own bus, each event checked against its contract.
 */
export class Publisher {
  private constructor(private readonly producer: StackBus) {}

  static async start(stack: Stack): Promise<Publisher> {
    return new Publisher(await stackBus(stack.settings, 'placement-test'));
  }

  async publish(type: EventType, subject: string, data: unknown, source?: string): Promise<void> {
    const producer = source ?? PRODUCERS.find(([re]) => re.test(type))?.[1] ?? '/tongxin/test';
    await this.producer.emit(type, producer, subject, data);
  }

  stop(): Promise<void> {
    return this.producer.close();
  }
}

/** Placement on a stack of its own, a publisher on its bus, and the administrator's and the demo officers' tokens. */
export async function placementStack() {
  const stack = await startStack({ services: ['placement'] });
  const bus = await Publisher.start(stack);
  const [admin, yixing, songyan] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
  return { stack, bus, admin, yixing, songyan };
}

/** Placement's tests' world: `placementStack()`, and the employer account asked for signed in as `employer`. */
export interface PlacementWorld extends Awaited<ReturnType<typeof placementStack>> {
  employer: string;
}

/** Starts placement's world before the tests of `t` and stops it after them. */
export function placementWorld(t: Test, employer?: { username: string; employerId: string }): PlacementWorld {
  const w = {} as PlacementWorld;
  t.before(async () => {
    Object.assign(w, await placementStack());
    if (employer) w.employer = await employerAccount(w.stack, w.admin, employer.username, employer.employerId);
  });
  t.teardown(async () => {
    await w.bus?.stop();
    await w.stack?.stop();
  });
  return w;
}

// The one polling helper of every test, under the name these tests know it by.
export const waitFor = eventually;

/** An employer account of the company `employerId`, made by the administrator and signed in: its token. */
export async function employerAccount(
  stack: Stack,
  admin: string,
  username: string,
  employerId: string,
  displayName = '苏州',
): Promise<string> {
  await stack.api.post(
    '/api/v1/accounts',
    { username, password: 'employer-pass', role: 'employer', displayName, employerId },
    admin,
  );
  return stack.login(username, 'employer-pass');
}

/** Announces workers and openings as their services would and waits until placement has them all. */
export async function announce(
  stack: Stack,
  bus: Publisher,
  workers: Record<string, unknown>[],
  openings: Record<string, unknown>[] = [],
): Promise<void> {
  for (const w of workers) await bus.publish('worker.registered', w.id as string, { worker: w });
  for (const o of openings) await bus.publish('opening.published', o.id as string, { opening: o });
  await waitFor('read models', async () => {
    const rows = await query<{ n: number }>(
      stack,
      `SELECT (SELECT count(*) FROM placement.workers WHERE id = ANY($1::uuid[]))::int
            + (SELECT count(*) FROM placement.opening_hires WHERE opening_id = ANY($2::uuid[]))::int AS n`,
      [workers.map((w) => w.id), openings.map((o) => o.id)],
    );
    return rows[0]?.n === workers.length + openings.length;
  });
}

/** Moves an application through `statuses` as `token`; the first refusal, or the last answer. */
export async function moveThrough(stack: Stack, id: string, statuses: string[], token: string) {
  let last;
  for (const status of statuses) {
    last = await stack.api.patch(`/api/v1/applications/${id}`, { status }, token);
    if (last.status !== 200) return last;
  }
  return last!;
}

/** One query on the stack's database (read-only checks of what the service stored). */
export async function query<T = Record<string, unknown>>(
  stack: Stack,
  sql: string,
  args: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: stack.db.connectionString });
  await c.connect();
  try {
    return (await c.query(sql, args)).rows as T[];
  } finally {
    await c.end();
  }
}

export const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A WorkerSnapshot as worker-profile announces it. */
export function workerSnapshot(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    name: '王小二',
    gender: 'male',
    birthYear: 1990,
    homeVillageCode: '140723100236',
    townshipCode: '140723100',
    householdStatus: 'registered_poor',
    relocated: true,
    skills: [{ code: 'con.welder', level: 3, certificateNo: 'CERT-140723-9' }],
    tierPreferences: ['out_of_province'],
    employmentStatus: 'seeking',
    unionMember: false,
    version: 1,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** An OpeningSnapshot as the employer service announces it. */
export function openingSnapshot(employerId: string, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    employerId,
    employerName: '苏州测试电子有限公司',
    employerVerified: true,
    title: '电焊工',
    occupationCode: 'con.welder',
    category: 'construction',
    requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: false }],
    worksiteRegionCode: '320505',
    tier: 'out_of_province',
    headcount: 5,
    filledCount: 0,
    wageMin: 6000,
    wageMax: 8000,
    benefits: { housing: true, meals: true, socialInsurance: true },
    status: 'open',
    reservedForPoor: false,
    version: 1,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}
