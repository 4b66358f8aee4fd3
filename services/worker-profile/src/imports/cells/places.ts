import { HOME_COUNTY, childrenOf, regionName, regionShortName } from '@tongxin/regions';

/** A place cell read: its region code, or the reason it names none (in Chinese, for the clerk). */
export type PlaceResult = { code: string } | { problem: string };

interface Township {
  code: string;
  names: string[];
}
interface CountyPlaces {
  countyNames: string[];
  townships: Township[];
  /** Village names (short and as recorded) → codes of the villages so named. */
  villages: Map<string, string[]>;
}

const byCounty = new Map<string, CountyPlaces>();

/** 义兴镇 is also written 义兴; 青城街道办事处 as 青城街道 or 青城. */
const TOWNSHIP_SUFFIX = /(街道办事处|街道|镇|乡)$/;
const COUNTY_SUFFIX = /(自治县|县|市|区)$/;

function placesOf(county: string): CountyPlaces {
  let p = byCounty.get(county);
  if (p) return p;
  const countyName = regionName(county) ?? '';
  const townships: Township[] = [];
  const villages = new Map<string, string[]>();
  for (const t of childrenOf(county)) {
    const bare = t.name.replace(TOWNSHIP_SUFFIX, '');
    const names = [t.name, `${bare}街道`, bare].filter((n, i, all) => n && all.indexOf(n) === i);
    townships.push({ code: t.code, names });
    for (const v of childrenOf(t.code)) {
      for (const n of new Set([v.name, regionShortName(v.code) ?? v.name])) {
        villages.set(n, [...(villages.get(n) ?? []), v.code]);
      }
    }
  }
  const countyNames = countyName ? [countyName, countyName.replace(COUNTY_SUFFIX, '')] : [];
  p = { countyNames, townships, villages };
  byCounty.set(county, p);
  return p;
}

const townshipName = (p: CountyPlaces, code: string) => p.townships.find((t) => code.startsWith(t.code))?.names[0];

/** Drops a leading county name (和顺县义兴镇… → 义兴镇…). */
function withoutCounty(p: CountyPlaces, text: string): string {
  const c = p.countyNames.find((n) => n.length > 0 && text.startsWith(n) && text.length > n.length);
  return c ? text.slice(c.length) : text;
}

/** The township a name starts with, and the rest of the text after it. */
function leadingTownship(p: CountyPlaces, text: string): { township: Township; rest: string } | undefined {
  for (const t of p.townships) {
    for (const n of t.names) if (text.startsWith(n)) return { township: t, rest: text.slice(n.length) };
  }
  return undefined;
}

/**
 * A village cell: a 12-digit code as before, or the village's name in the county (恋思村, or
 * 义兴镇恋思村 where several townships have a village so named). An ambiguous name is refused
 * naming the candidates.
 */
export function resolveVillage(text: string, county = HOME_COUNTY): PlaceResult {
  const t = text.replace(/\s+/g, '');
  if (/^\d+$/.test(t)) return t.length === 12 ? { code: t } : { problem: `村代码应为 12 位数字：${t}` };
  const p = placesOf(county);
  const name = withoutCounty(p, t);
  const exact = p.villages.get(name) ?? [];
  const lead = leadingTownship(p, name);
  const inTownship = lead ? (p.villages.get(lead.rest) ?? []).filter((c) => c.startsWith(lead.township.code)) : [];
  const candidates = inTownship.length ? inTownship : exact;
  if (candidates.length === 1) return { code: candidates[0]! };
  if (candidates.length > 1) {
    const named = candidates.map((c) => `${townshipName(p, c) ?? ''}${regionShortName(c) ?? name}`);
    return { problem: `村名重复：请写明乡镇，如 ${[...new Set(named)].join(' / ')}` };
  }
  return { problem: `本县没有名为"${text}"的村：请写村名（如 恋思村）或 12 位村代码` };
}

/** A region cell that may name a village or a township: a code, a village name, or a township name. */
export function resolveVillageOrTownship(text: string, county = HOME_COUNTY): PlaceResult {
  const t = text.replace(/\s+/g, '');
  if (/^\d+$/.test(t)) return { code: t };
  const p = placesOf(county);
  const name = withoutCounty(p, t);
  const township = p.townships.find((x) => x.names.includes(name));
  if (township) return { code: township.code };
  const village = resolveVillage(t, county);
  if ('code' in village || village.problem.startsWith('村名重复')) return village;
  return { problem: `本县没有名为"${text}"的乡镇或村：请写乡镇名、村名或区划代码` };
}

/**
 * The names a clerk may write for the county's villages under the given region prefixes (an
 * officer's townships; '' for the whole county), in code order: the village's short name, or
 * township and name where two townships have a village so named.
 */
export function villageNames(prefixes: string[], county = HOME_COUNTY): string[] {
  const p = placesOf(county);
  const names: [string, string][] = [];
  for (const [name, codes] of p.villages) {
    for (const code of codes) {
      if (regionShortName(code) !== name || !prefixes.some((x) => code.startsWith(x))) continue;
      names.push([code, codes.length > 1 ? `${townshipName(p, code) ?? ''}${name}` : name]);
    }
  }
  return names.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, n]) => n);
}
