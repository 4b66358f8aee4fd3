import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { SubsidyStatus, Tier } from './schemas.ts';

const TierSchema = Type.Union([
  Type.Literal('in_county'),
  Type.Literal('in_province'),
  Type.Literal('out_of_province'),
]);
const Target = Type.Union([Type.Literal('registered_poor'), Type.Literal('monitored'), Type.Literal('relocated')]);

/**
 * A subsidy rule (资金奖补). `on: 'hire'` is decided when the placement starts; `on: 'follow-up'`
 * when the follow-up of `followUpDay` confirms the worker is still in the same job.
 */
export const SubsidyRule = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    amount: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    on: Type.Union([Type.Literal('hire'), Type.Literal('follow-up')]),
    /** Placements of these tiers only; absent means any tier. */
    tiers: Type.Optional(Type.Array(TierSchema, { minItems: 1 })),
    /** Workers with any of these traits only; absent means every worker. */
    targets: Type.Optional(Type.Array(Target, { minItems: 1 })),
    /** For `on: 'follow-up'`: the follow-up day that confirms it (30, 90 or 180). */
    followUpDay: Type.Optional(Type.Union([Type.Literal(30), Type.Literal(90), Type.Literal(180)])),
  },
  { additionalProperties: false },
);
export type SubsidyRule = Static<typeof SubsidyRule>;
export const SubsidyRules = Type.Array(SubsidyRule, { maxItems: 50 });

/** The programme's rules when none are configured. */
export const DEFAULT_SUBSIDY_RULES: SubsidyRule[] = [
  {
    id: 'transport-out-of-province',
    name: '一次性交通补贴（跨省务工）',
    amount: 500,
    on: 'hire',
    tiers: ['out_of_province'],
    targets: ['registered_poor', 'relocated'],
  },
  {
    id: 'stable-employment-6-months',
    name: '稳定就业奖励（同一岗位满六个月）',
    amount: 1000,
    on: 'follow-up',
    followUpDay: 180,
  },
];

/** Parses SUBSIDY_RULES; throws at boot, naming the problem, rather than paying by a broken rule. */
export function parseSubsidyRules(json: string): SubsidyRule[] {
  if (!json.trim()) return DEFAULT_SUBSIDY_RULES;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new Error(`SUBSIDY_RULES is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const errors = [...Value.Errors(SubsidyRules, value)].map((e) => `${e.path || '/'}: ${e.message}`);
  if (errors.length) throw new Error(`SUBSIDY_RULES is invalid: ${errors.join('; ')}`);
  const rules = value as SubsidyRule[];
  for (const r of rules) {
    if (r.on === 'follow-up' && !r.followUpDay) throw new Error(`SUBSIDY_RULES: rule ${r.id} needs followUpDay`);
  }
  if (new Set(rules.map((r) => r.id)).size !== rules.length) throw new Error('SUBSIDY_RULES: rule ids must be unique');
  return rules;
}

export interface WorkerTraits {
  householdStatus: string;
  relocated: boolean;
}

/** Whether a rule applies to a worker placed in `tier`. */
export function ruleApplies(rule: SubsidyRule, tier: Tier, worker: WorkerTraits): boolean {
  if (rule.tiers && !rule.tiers.includes(tier)) return false;
  if (!rule.targets) return true;
  return rule.targets.some((t) => (t === 'relocated' ? worker.relocated : worker.householdStatus === t));
}

/** When a subsidy is decided: at the hire, or at the follow-up of `day` confirming the worker is still in the job. */
export type SubsidyMoment = { on: 'hire' } | { on: 'follow-up'; day: number };

/** The rules that make a subsidy eligible at `moment` for a worker placed in `tier`, in the order given. */
export function rulesGranted(
  rules: Iterable<SubsidyRule>,
  moment: SubsidyMoment,
  tier: Tier,
  worker: WorkerTraits,
): SubsidyRule[] {
  return [...rules].filter(
    (rule) =>
      rule.on === moment.on &&
      (moment.on === 'hire' || rule.followUpDay === moment.day) &&
      ruleApplies(rule, tier, worker),
  );
}

/** A subsidy moves one step at a time, `eligible → approved → paid`, and never back. */
export const mayMoveSubsidy = (from: SubsidyStatus, to: SubsidyStatus): boolean =>
  (from === 'eligible' && to === 'approved') || (from === 'approved' && to === 'paid');
