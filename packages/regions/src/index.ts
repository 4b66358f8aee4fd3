export { RegionsError, type RegionsErrorCode } from './errors.ts';
export { regionLevel, provinceOf, cityOf, countyOf, townshipOf, parentOf, type RegionLevel } from './levels.ts';
export { deriveTier, HOME_COUNTY, type WorkTier } from './tier.ts';
export {
  regionName,
  regionShortName,
  isKnownRegion,
  regionPath,
  childrenOf,
  upperRegions,
  type RegionNode,
} from './lookup.ts';
