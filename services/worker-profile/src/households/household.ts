import type { HouseholdSnapshot } from '@tongxin/events';
import type { WorkerRecord } from '../registry/worker.ts';

/** A household as stored; its members are the workers carrying its number. */
export interface HouseholdRecord {
  id: string;
  seq: number;
  householdNo: string;
  homeVillageCode: string;
  status: WorkerRecord['householdStatus'];
  leftPovertyYear?: number;
  relocated: boolean;
  relocation?: WorkerRecord['relocation'];
  otherMembers: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What a worker's registry record says of its household: the household follows the member written last. */
export type HouseholdFacts = Pick<
  WorkerRecord,
  'id' | 'householdNo' | 'homeVillageCode' | 'householdStatus' | 'relocated' | 'relocation' | 'householdSize'
>;

export function householdSnapshot(h: HouseholdRecord, memberIds: string[]): HouseholdSnapshot {
  return {
    id: h.id,
    householdNo: h.householdNo,
    homeVillageCode: h.homeVillageCode,
    townshipCode: h.homeVillageCode.slice(0, 9),
    status: h.status,
    ...(h.leftPovertyYear !== undefined ? { leftPovertyYear: h.leftPovertyYear } : {}),
    relocated: h.relocated,
    ...(h.relocation ? { relocation: h.relocation } : {}),
    memberIds,
    otherMembers: h.otherMembers,
    version: h.version,
    updatedAt: h.updatedAt,
  };
}
