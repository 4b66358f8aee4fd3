import type { ApplicationRecord } from '../repositories/application-repository.ts';
import type { PlacementRecord } from '../repositories/placement-repository.ts';
import type { SubsidyRecord } from '../repositories/subsidy-repository.ts';

/** ApplicationSnapshot of docs/event-catalogue.md. */
export const applicationSnapshot = (a: ApplicationRecord) => ({
  id: a.id,
  workerId: a.workerId,
  openingId: a.openingId,
  employerId: a.employerId,
  status: a.status,
  ...(a.referredBy ? { referredBy: a.referredBy } : {}),
  homeVillageCode: a.homeVillageCode,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

/** PlacementSnapshot of docs/event-catalogue.md. */
export const placementSnapshot = (p: PlacementRecord) => ({
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
export const subsidySnapshot = (s: SubsidyRecord) => ({
  id: s.id,
  ruleId: s.ruleId,
  placementId: s.placementId,
  workerId: s.workerId,
  amount: s.amount,
  status: s.status,
});
