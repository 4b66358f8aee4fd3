import { HOME_COUNTY, deriveTier, regionName, upperRegions } from '@tongxin/regions';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { Tier } from './snapshots.ts';
import { fold } from './text-terms.ts';

/**
 * Query understanding, shared by both search engines: a job seeker's query ("太原电子厂普工",
 * "包吃住的厨师", "电工师傅 月薪六千以上") is read into parts before retrieval, so that a place
 * or a benefit at the start of the query no longer has to occur in the opening's text. Parts
 * become filters (occupation, place, benefits, wage) or boosts (kind of work, the rest); the
 * search answer carries them as `understood` so the portal can show them and drop one.
 *
 * Pure: the dictionaries are built once from the taxonomy and the region data.
 */

export type Benefit = 'housing' | 'meals' | 'socialInsurance';
export type WorkKind = 'long_term' | 'short_term' | 'daily_pay' | 'live_in';

export interface Understood {
  /** The occupation named, with the words that named it (suffixes such as 师傅/阿姨 included). */
  occupation?: { code: string; name: string; text: string };
  /**
   * The place: a region code (its prefix filters worksites) and/or the tiers it allows
   * (省外 → out_of_province; 外地 → anything outside the county).
   */
  region?: { text: string; name: string; code?: string; tiers?: Tier[] };
  /** Benefits asked for; 包吃住 is one part covering housing and meals. */
  benefits: { text: string; includes: Benefit[] }[];
  /** Lowest monthly wage asked for (a daily figure is counted as 26 working days). */
  wage?: { text: string; min: number; per: 'month' | 'day' };
  /** Kind of work (a boost, not a filter: openings do not all say it). */
  kind?: { text: string; kind: WorkKind };
  /** What is left: free text that may match but need not. */
  rest: string;
}

type Entry =
  | { part: 'occupation'; code: string; weak: boolean }
  | { part: 'region'; code?: string; tiers?: Tier[]; name: string }
  | { part: 'benefit'; includes: Benefit[] }
  | { part: 'kind'; kind: WorkKind }
  | { part: 'stop' };

/** When two parts claim the same words, the first kind here wins. */
const PART_ORDER: Entry['part'][] = ['benefit', 'occupation', 'kind', 'region', 'stop'];

const BENEFITS: [string[], Benefit[]][] = [
  [
    ['包吃住', '包食宿', '管吃住', '吃住全包', '提供食宿', '食宿全包', '包吃包住', '管吃管住'],
    ['housing', 'meals'],
  ],
  [['包住', '管住', '提供住宿', '免费住宿', '有宿舍', '包住宿', '宿舍'], ['housing']],
  [['包吃', '管饭', '包饭', '包三餐', '管吃', '包餐', '提供三餐', '工作餐'], ['meals']],
  [['五险一金', '五险', '社保', '缴社保', '交社保', '买社保', '上社保', '有保险'], ['socialInsurance']],
];

const KINDS: [string[], WorkKind][] = [
  [['长期', '长期工', '长期稳定', '稳定工作', '正式工'], 'long_term'],
  [['短期', '短期工', '临时工', '临时', '零工', '小时工', '暑假工', '寒假工', '季节工'], 'short_term'],
  [['日结', '日结工', '当天结', '天天结', '现结'], 'daily_pay'],
  [['住家'], 'live_in'],
];

/** Words about the county or the province rather than a named place. */
const TIER_WORDS: [string[], { code?: string; tiers?: Tier[] }][] = [
  [['县内', '本县', '本地', '县里', '家门口'], { code: HOME_COUNTY }],
  [['省内', '本省'], { code: HOME_COUNTY.slice(0, 2) }],
  [['省外', '外省'], { tiers: ['out_of_province'] }],
  [['外地', '外出'], { tiers: ['in_province', 'out_of_province'] }],
];

/**
 * Colloquial names the taxonomy does not list. Weak ones (a workplace rather than a job:
 * 工地, 厨房, 电子厂) name the occupation only when nothing stronger does ("电子厂普工" is 普工).
 */
const COLLOQUIAL: [string, string, boolean][] = [
  ['泥瓦匠', 'con.bricklayer', false],
  ['瓦匠', 'con.bricklayer', false],
  ['木匠', 'con.carpenter', false],
  ['油漆匠', 'con.painter', false],
  ['电焊', 'con.welder', false],
  ['挖机', 'con.excavator', false],
  ['勾机', 'con.excavator', false],
  ['外卖', 'tra.rider', false],
  ['送外卖', 'tra.rider', false],
  ['跑外卖', 'tra.rider', false],
  ['养老', 'dom.elder_care', false],
  ['育儿', 'dom.nanny', false],
  ['带孩子', 'dom.nanny', false],
  ['做饭', 'hos.cook', false],
  ['炒菜', 'hos.cook', false],
  ['下井', 'min.underground', false],
  ['煤矿', 'min.underground', false],
  ['流水线', 'mfg.operator', false],
  ['搬运工', 'con.laborer', false],
  ['工地', 'con.laborer', true],
  ['厨房', 'hos.kitchen_helper', true],
  ['后厨', 'hos.kitchen_helper', true],
  ['饭店', 'hos.waiter', true],
  ['电子厂', 'mfg.operator', true],
  ['工厂', 'mfg.operator', true],
  ['厂里', 'mfg.operator', true],
  ['酒店', 'hos.room', true],
  ['快递', 'tra.courier', true],
  ['物流', 'tra.warehouse', true],
  ['小区', 'sec.guard', true],
];

/** What people put after a job to name the person doing it: 电工师傅, 保洁阿姨, 厨房小工. */
const PERSON_SUFFIXES = [
  '师傅',
  '阿姨',
  '大姐',
  '大嫂',
  '大哥',
  '小哥',
  '小工',
  '工人',
  '人员',
  '嫂',
  '工',
  '员',
  '师',
  '匠',
];

/** Filler a job seeker types around the words that matter. */
const STOP_WORDS = [
  '的',
  '找',
  '想找',
  '招',
  '招聘',
  '急招',
  '求职',
  '工作',
  '岗位',
  '附近',
  '在',
  '去',
  '到',
  '要',
  '一份',
];

/** Job-name endings a stem can drop: 叉车司机 → 叉车, 保洁员 → 保洁, 快递员 → 快递. */
const JOB_ENDINGS = /(司机|驾驶员|操作工|操作员|工人|人员|员|工|师|手)$/;

/** Region-name endings: 苏州市 → 苏州, 和顺县 → 和顺, 义兴镇 → 义兴. */
const REGION_ENDINGS = /(特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|自治州|地区|街道|省|市|盟|县|区|镇|乡)$/;

const NUMERAL = '零一二两三四五六七八九十百千万';
const WAGE_PREFIX = '(月薪|月工资|工资|薪资|薪水|底薪|月入|收入|日薪|日工资|一天|每天|天薪)?';
const WAGE_NUMBER = `([0-9][0-9.]*[千万kw]?[0-9]*|[${NUMERAL}]+[0-9]*)`;
const WAGE_SUFFIX =
  '(元|块钱|块)?(以上|起|\\+|多|左右|往上)?([-~到至][0-9]+[千万kw]?)?(元|块)?(一个月|每月|/月|一天|每天|/天)?';
const WAGE = new RegExp(WAGE_PREFIX + WAGE_NUMBER + WAGE_SUFFIX, 'y');
/** Days in a working month, to compare a daily wage with monthly wages. */
export const WORKING_DAYS = 26;

/** 六千 → 6000, 五千五 → 5500, 一万二 → 12000, 1.2万 → 12000, 8k → 8000, 6000 → 6000. */
export function parseNumber(text: string): number | undefined {
  const t = text.toLowerCase();
  const mixed = t.match(/^([0-9]+(?:\.[0-9]+)?)([千万kw])?([0-9]*)$/);
  if (mixed) {
    const [, head, unit, tail] = mixed as unknown as [string, string, string | undefined, string];
    const scale = unit === '千' || unit === 'k' ? 1000 : unit === '万' || unit === 'w' ? 10_000 : 1;
    const base = Number(head) * scale;
    if (!unit && tail) return undefined;
    // 1万2 means 12000: a trailing digit is a tenth of the unit.
    return tail ? base + Number(tail) * (scale / 10) : base;
  }
  if (![...t].every((c) => NUMERAL.includes(c) || /[0-9]/.test(c))) return undefined;
  const digit = (c: string) => (/[0-9]/.test(c) ? Number(c) : '零一二三四五六七八九'.indexOf(c === '两' ? '二' : c));
  let total = 0;
  let section = 0;
  let num = 0;
  let lastUnit = 0;
  for (const c of t) {
    const unit = c === '十' ? 10 : c === '百' ? 100 : c === '千' ? 1000 : c === '万' ? 10_000 : 0;
    if (unit === 10_000) {
      total += (section + num) * 10_000;
      section = 0;
      num = 0;
      lastUnit = unit;
    } else if (unit) {
      section += (num || 1) * unit;
      num = 0;
      lastUnit = unit;
    } else {
      const d = digit(c);
      if (d < 0) return undefined;
      num = num * 10 + d;
    }
  }
  // 六千五: a digit after the last unit is a tenth of it.
  return total + section + (lastUnit > 1 && num < 10 ? num * (lastUnit / 10) : num);
}

interface Dictionary {
  entries: Map<string, Entry>;
  longest: number;
}

function add(dict: Dictionary, key: string, entry: Entry): void {
  const k = fold(key);
  if (k.length < 2 && entry.part !== 'stop') return;
  const seen = dict.entries.get(k);
  if (seen && PART_ORDER.indexOf(seen.part) <= PART_ORDER.indexOf(entry.part)) {
    // Same part: keep the first (names come before synonyms and stems); a clash of two occupations is dropped.
    if (seen.part === 'occupation' && entry.part === 'occupation' && seen.code !== entry.code && !seen.weak) return;
    return;
  }
  dict.entries.set(k, entry);
  dict.longest = Math.max(dict.longest, k.length);
}

/**
 * Place names from the region data, short forms included, for the home province's cities,
 * counties and the home county's townships, and for every province and city of the country
 * (counties elsewhere share names too often to be read from two characters).
 */
function placeEntries(): [string, Entry][] {
  const names = new Map(upperRegions());
  const province = HOME_COUNTY.slice(0, 2);
  const candidates = new Map<string, { code: string; rank: number }[]>();
  const offer = (key: string, code: string, rank: number) => {
    if (key.length < 2 || /辖|直管|行政区划/.test(key)) return;
    const list = candidates.get(key) ?? [];
    list.push({ code, rank });
    candidates.set(key, list);
  };
  for (const [code, name] of names) {
    const len = code.length;
    let rank: number;
    if (len === 2) rank = 1;
    else if (len === 4) rank = code.startsWith(province) ? 0 : 2;
    else if (len === 6) rank = code.startsWith(province) ? 1 : -1;
    else if (len === 9) rank = code.startsWith(HOME_COUNTY) ? 0 : -1;
    else continue;
    if (rank < 0) continue;
    offer(name, code, rank);
    const short = name.replace(REGION_ENDINGS, '');
    if (short !== name && name.length >= 3) offer(short, code, rank + 0.5);
  }
  const out: [string, Entry][] = [];
  for (const [key, list] of candidates) {
    list.sort((a, b) => a.rank - b.rank || a.code.length - b.code.length);
    const [best, second] = list;
    // Two places of the same standing share the name: which one is meant is not known.
    if (second && second.rank === best!.rank && second.code.length === best!.code.length) continue;
    out.push([key, { part: 'region', code: best!.code, name: names.get(best!.code)! }]);
  }
  return out;
}

function buildDictionary(taxonomy: Taxonomy): Dictionary {
  const dict: Dictionary = { entries: new Map(), longest: 0 };
  for (const [words, includes] of BENEFITS) for (const w of words) add(dict, w, { part: 'benefit', includes });
  for (const [words, kind] of KINDS) for (const w of words) add(dict, w, { part: 'kind', kind });
  const skills = taxonomy.all();
  for (const s of skills) add(dict, s.nameZh, { part: 'occupation', code: s.code, weak: false });
  const synonymCodes = new Map<string, Set<string>>();
  for (const s of skills)
    for (const syn of s.synonyms) synonymCodes.set(syn, (synonymCodes.get(syn) ?? new Set()).add(s.code));
  for (const [syn, codes] of synonymCodes)
    if (codes.size === 1) add(dict, syn, { part: 'occupation', code: [...codes][0]!, weak: false });
  for (const [word, code, weak] of COLLOQUIAL) add(dict, word, { part: 'occupation', code, weak });
  // Stems after names and synonyms, so that a real name always wins; a stem two jobs share is dropped.
  const stems = new Map<string, Set<string>>();
  for (const s of skills) {
    for (const word of [s.nameZh, ...s.synonyms]) {
      const stem = word.replace(JOB_ENDINGS, '');
      if (stem !== word && stem.length >= 2) stems.set(stem, (stems.get(stem) ?? new Set()).add(s.code));
    }
  }
  for (const [stem, codes] of stems)
    if (codes.size === 1) add(dict, stem, { part: 'occupation', code: [...codes][0]!, weak: false });
  for (const [words, where] of TIER_WORDS) {
    for (const w of words) {
      const name = where.code ? (regionName(where.code) ?? w) : w;
      add(dict, w, { part: 'region', name, ...where });
    }
  }
  for (const [key, entry] of placeEntries()) add(dict, key, entry);
  for (const w of STOP_WORDS) add(dict, w, { part: 'stop' });
  return dict;
}

const dictionaries = new WeakMap<Taxonomy, Dictionary>();

function dictionaryOf(taxonomy: Taxonomy): Dictionary {
  let d = dictionaries.get(taxonomy);
  if (!d) dictionaries.set(taxonomy, (d = buildDictionary(taxonomy)));
  return d;
}

/** The longest dictionary word at `pos`, or undefined. */
function longestAt(dict: Dictionary, text: string, pos: number): { key: string; entry: Entry } | undefined {
  for (let n = Math.min(dict.longest, text.length - pos); n >= 1; n--) {
    const key = text.slice(pos, pos + n);
    const entry = dict.entries.get(key);
    if (entry) return { key, entry };
  }
  return undefined;
}

/** A wage phrase at `pos`: a number with a wage word before it or a unit/至少 word after it, or ≥ 1000. */
function wageAt(text: string, pos: number): { text: string; min: number; per: 'month' | 'day' } | undefined {
  WAGE.lastIndex = pos;
  const m = WAGE.exec(text);
  if (!m) return undefined;
  const [all, prefix, number, currency, more, range, currency2, period] = m as unknown as (string | undefined)[];
  const value = parseNumber(number!);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const marked = !!(prefix || currency || more || range || currency2 || period) || /[千万kw]/.test(number!);
  if (!marked && value < 1000) return undefined;
  const daily = /日|天/.test(prefix ?? '') || /天/.test(period ?? '');
  if (value < 50 || value > 200_000) return undefined;
  return {
    text: all!,
    min: daily ? Math.round(value * WORKING_DAYS) : Math.round(value),
    per: daily ? 'day' : 'month',
  };
}

/**
 * Reads a query into parts. Scans left to right taking, at each position, the longest word any
 * part knows (a wage phrase competes by its length); an occupation swallows a person suffix
 * after it (电工师傅). The first occupation and the first place count; later ones stay in the
 * rest as text. What no part claims is the rest.
 */
export function understandQuery(taxonomy: Taxonomy, query: string): Understood {
  const dict = dictionaryOf(taxonomy);
  const text = fold(query);
  const out: Understood = { benefits: [], rest: '' };
  let weak: { code: string; text: string } | undefined;
  const rest: string[] = [];
  let piece = '';
  const flush = () => {
    if (piece.trim() !== '') rest.push(piece.trim());
    piece = '';
  };
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos]!;
    // Latin words (pinyin, English) stay text: the engines already read them with typos and pinyin.
    if (/[a-z]/.test(ch) && !/[0-9]/.test(text[pos - 1] ?? '')) {
      const m = /[a-z0-9]+/y;
      m.lastIndex = pos;
      const word = m.exec(text)![0];
      piece += word;
      pos += word.length;
      continue;
    }
    const word = longestAt(dict, text, pos);
    const wage = /[0-9零一二两三四五六七八九十月工薪底收日每天]/.test(ch) ? wageAt(text, pos) : undefined;
    if (wage && (!word || wage.text.length > word.key.length)) {
      flush();
      if (out.wage) rest.push(wage.text);
      else out.wage = wage;
      pos += wage.text.length;
      continue;
    }
    if (!word) {
      piece += ch;
      pos++;
      continue;
    }
    flush();
    let used = word.key;
    const e = word.entry;
    if (e.part === 'occupation') {
      const suffix = PERSON_SUFFIXES.find((s) => text.startsWith(s, pos + used.length));
      // A suffix that starts a longer known word (工资, 员工宿舍…) is not a suffix.
      if (suffix) {
        const next = longestAt(dict, text, pos + used.length);
        if (!next || next.key.length <= suffix.length) used += suffix;
      }
      if (e.weak) {
        if (weak) rest.push(used);
        else weak = { code: e.code, text: used };
      } else if (out.occupation) rest.push(used);
      else out.occupation = { code: e.code, name: taxonomy.get(e.code)?.nameZh ?? e.code, text: used };
    } else if (e.part === 'region') {
      if (out.region) rest.push(used);
      else
        out.region = {
          text: used,
          name: e.name,
          ...(e.code ? { code: e.code } : {}),
          ...(e.tiers ? { tiers: e.tiers } : {}),
        };
    } else if (e.part === 'benefit') {
      out.benefits.push({ text: used, includes: e.includes });
    } else if (e.part === 'kind') {
      if (out.kind) rest.push(used);
      else out.kind = { text: used, kind: e.kind };
    }
    pos += used.length;
  }
  flush();
  if (weak) {
    if (out.occupation) rest.unshift(weak.text);
    else out.occupation = { code: weak.code, name: taxonomy.get(weak.code)?.nameZh ?? weak.code, text: weak.text };
  }
  out.rest = rest.join(' ');
  return out;
}

/** True when the query was read into at least one part besides free text. */
export function hasParts(u: Understood): boolean {
  return !!(u.occupation || u.region || u.benefits.length || u.wage || u.kind);
}

/** The tier a named region lies in, when it is one tier (the home county or city, or the home province, span two). */
export function regionTier(code: string): Tier | undefined {
  if (code.length >= 6) return deriveTier(code);
  if (!code.startsWith(HOME_COUNTY.slice(0, 2))) return 'out_of_province';
  if (code.length === 4 && code !== HOME_COUNTY.slice(0, 4)) return 'in_province';
  return undefined;
}
