import type { EmployerSnapshot, IntentSnapshot, OpeningSnapshot } from '@tongxin/events';
import { deriveTier } from '@tongxin/regions';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { EmployerRecord, IntentRecord, OpeningRecord } from './records.ts';

/** EmployerSnapshot of the employer.* events: no contact details travel in events. */
export function employerSnapshot(e: EmployerRecord, homeCounty: string): EmployerSnapshot {
  return {
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    industry: e.industry,
    regionCode: e.regionCode,
    tier: deriveTier(e.regionCode, homeCounty),
    status: e.status,
    version: e.version,
    updatedAt: e.updatedAt,
  };
}

/** OpeningSnapshot of the opening.* events: enough for matching to index an opening without calling back. */
export function openingSnapshot(o: OpeningRecord, taxonomy: Taxonomy): OpeningSnapshot {
  return {
    id: o.id,
    employerId: o.employerId,
    employerName: o.employerName,
    employerVerified: o.employerStatus === 'verified',
    title: o.title,
    occupationCode: o.occupationCode,
    category: taxonomy.get(o.occupationCode)?.category ?? 'other',
    requiredSkills: o.requiredSkills,
    ...(o.description !== undefined ? { description: o.description } : {}),
    worksiteRegionCode: o.worksiteRegionCode,
    tier: o.tier,
    headcount: o.headcount,
    filledCount: o.filledCount,
    wageMin: o.wageMin,
    wageMax: o.wageMax,
    benefits: o.benefits,
    ...(o.hours !== undefined ? { hours: o.hours } : {}),
    ...(o.contractType !== undefined ? { contractType: o.contractType } : {}),
    ...(o.contractMonths !== undefined ? { contractMonths: o.contractMonths } : {}),
    ...(o.startDate !== undefined ? { startDate: o.startDate } : {}),
    ...(o.closingDate !== undefined ? { closingDate: o.closingDate } : {}),
    status: o.status,
    reservedForPoor: o.reservedForPoor,
    ...(o.publishedAt !== undefined ? { publishedAt: o.publishedAt } : {}),
    version: o.version,
    updatedAt: o.updatedAt,
  };
}

/** The intent of recruitment-intent.* events. */
export function intentSnapshot(i: IntentRecord): IntentSnapshot {
  return {
    id: i.id,
    employerId: i.employerId,
    committed: i.committed,
    hired: i.hired,
    deadline: i.deadline,
    openingIds: i.openingIds,
    status: i.status,
  };
}
