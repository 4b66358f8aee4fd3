import { RegionsError } from './errors.ts';

/** Where a worksite lies relative to a worker's home county; drives subsidy and transport rules. */
export type WorkTier = 'in_county' | 'in_province' | 'out_of_province';

/** 和顺县, Jinzhong, Shanxi: the county this deployment serves. */
export const HOME_COUNTY = '140723';

/**
 * Classify a worksite by comparing code prefixes with the home county.
 *
 * Codes of 6 or more digits compare their first 6 digits (county) and then their
 * first 2 (province). Province (2-digit) and city (4-digit) codes are too coarse to
 * prove a site is inside the county, so they can at best be 'in_province' — even a
 * city code that contains the home county. The code need not exist in the data.
 *
 * @throws RegionsError REGIONS_INVALID_CODE for non-digit codes, lengths 0, 1, 3 or 5, or a home county that is not 6 digits.
 */
export function deriveTier(worksiteCode: string, homeCounty: string = HOME_COUNTY): WorkTier {
  if (!/^\d{6}$/.test(homeCounty)) {
    throw new RegionsError('REGIONS_INVALID_CODE', `home county must be 6 digits: ${JSON.stringify(homeCounty)}`);
  }
  const code = worksiteCode;
  if (!/^\d+$/.test(code) || !(code.length === 2 || code.length === 4 || code.length >= 6)) {
    throw new RegionsError('REGIONS_INVALID_CODE', `not a region code: ${JSON.stringify(worksiteCode)}`);
  }
  if (code.length >= 6 && code.slice(0, 6) === homeCounty) return 'in_county';
  if (code.slice(0, 2) === homeCounty.slice(0, 2)) return 'in_province';
  return 'out_of_province';
}
