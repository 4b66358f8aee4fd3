import type {
  ApplicationSnapshot,
  PlacementSnapshot,
  RelocatedVillageSnapshot,
  SubsidySnapshot,
} from '@tongxin/events';
import type { ApplicationRecord } from '../repositories/application-repository.ts';
import type { PlacementRecord } from '../repositories/placement-repository.ts';
import type { RelocatedVillageRecord } from '../repositories/relocation-repository.ts';
import type { SubsidyRecord } from '../repositories/subsidy-repository.ts';
import { contactVisible } from './pipeline.ts';

/** ApplicationSnapshot of the application.* events; contactVisible spares consumers restating the pipeline. */
export const applicationSnapshot = (a: ApplicationRecord): ApplicationSnapshot => ({
  id: a.id,
  workerId: a.workerId,
  openingId: a.openingId,
  employerId: a.employerId,
  status: a.status,
  ...(a.referredBy ? { referredBy: a.referredBy } : {}),
  homeVillageCode: a.homeVillageCode,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  contactVisible: contactVisible(a.status),
});

/** PlacementSnapshot of the placement.* events. */
export const placementSnapshot = (p: PlacementRecord): PlacementSnapshot => ({
  id: p.id,
  applicationId: p.applicationId,
  workerId: p.workerId,
  openingId: p.openingId,
  employerId: p.employerId,
  homeVillageCode: p.homeVillageCode,
  startDate: p.startDate,
  agreedWage: p.agreedWage,
  tier: p.tier,
  status: p.status,
  hiredAt: p.hiredAt,
});

/** The subsidy of the subsidy.* events. */
export const subsidySnapshot = (s: SubsidyRecord): SubsidySnapshot => ({
  id: s.id,
  ruleId: s.ruleId,
  placementId: s.placementId,
  workerId: s.workerId,
  amount: s.amount,
  status: s.status,
});

/** The village of the relocated-village.marked / .updated events. */
export const relocatedVillageSnapshot = (v: RelocatedVillageRecord): RelocatedVillageSnapshot => ({
  villageCode: v.villageCode,
  townshipCode: v.townshipCode,
  sites: v.sites,
  quota: v.quota,
  version: v.version,
  updatedAt: v.updatedAt,
});
