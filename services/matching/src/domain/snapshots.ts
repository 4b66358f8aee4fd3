/**
 * The aggregate snapshots matching keeps: the types generated from the event contracts
 * (contracts/events), so that what matching reads is what the producers are held to.
 */
import type { OpeningSnapshot } from '@tongxin/events';

export type {
  WorkerSnapshot,
  WorkerSkill,
  EmployerSnapshot,
  OpeningSnapshot,
  CourseSnapshot,
  BatchSnapshot,
} from '@tongxin/events';

export type Tier = 'in_county' | 'in_province' | 'out_of_province';
export const TIERS: readonly Tier[] = ['in_county', 'in_province', 'out_of_province'];

export type RequiredSkill = OpeningSnapshot['requiredSkills'][number];
