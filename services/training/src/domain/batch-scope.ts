import { type Principal, inRegionScope } from '@tongxin/auth';

/**
 * The township a batch belongs to: that of its place (the first 9 digits of a township or village
 * code). A place above township level (the county, another county) belongs to no township.
 */
export const batchTownship = (placeRegionCode: string): string => placeRegionCode.slice(0, 9);

/**
 * Whether `p` schedules, changes or cancels a batch at this place and runs its roster: administrators,
 * and officers whose regions cover the whole township of the place (a village officer does not).
 */
export const mayManageBatch = (p: Principal, placeRegionCode: string): boolean =>
  p.role === 'admin' ||
  (p.role === 'officer' && placeRegionCode.length >= 9 && inRegionScope(p, batchTownship(placeRegionCode)));
