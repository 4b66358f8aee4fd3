import { validateIdNumber } from '@tongxin/cn-codes';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { Skill, WorkerInput } from '../registry/schemas.ts';
import type { WorkerRecord } from '../registry/worker.ts';
import { stableJson } from './import-types.ts';
import { COUNTY_UTC_OFFSET_MINUTES } from '@tongxin/service-platform';
import { DATE_HINT, parseClerkDate, parseDateTime } from './cells/dates.ts';
import { idNumberStoredAsNumber } from './cells/id-number.ts';
import { resolveVillage, resolveVillageOrTownship } from './cells/places.ts';
import { phoneDigits } from './cells/text.ts';
import { CLERK_YES_NO } from './cells/yes-no.ts';
import { EDUCATION, EMPLOYMENT, GENDER, HOUSEHOLD_STATUS, TIER, YES_NO, splitList } from './labels.ts';

/** A problem with one cell, named by the column's key (mapped to its header in the report). */
export interface CellError {
  key: string;
  message: string;
}

/** What a registry row says: only the cells that are filled in (an empty cell never erases data). */
export type RegistryGiven = Partial<Omit<WorkerInput, 'relocation' | 'unionMember' | 'consent'>> & {
  originVillageCode?: string;
  resettlementSite?: string;
  unionMember?: boolean;
  unionJoinedAt?: string;
  consentVersion?: string;
  consentAt?: string;
};

const int = (text: string): number | undefined => (/^\d+$/.test(text) ? Number(text) : undefined);

/**
 * Parses the cells of one registry row. Skill names are resolved to taxonomy codes through their
 * synonyms; labels (男, 建档立卡, 省内…) to codes. Cell-level problems are collected, not thrown.
 */
export function parseRegistryRow(
  cell: (key: string) => string,
  taxonomy: Taxonomy,
  /** The county's offset from UTC (CountyCalendar.offsetMinutes): a time typed without zone is county time. */
  offsetMinutes = COUNTY_UTC_OFFSET_MINUTES,
): { given: RegistryGiven; errors: CellError[] } {
  const errors: CellError[] = [];
  const given: RegistryGiven = {};
  const err = (key: string, message: string) => errors.push({ key, message });
  const text = (key: string) => cell(key);
  const label = <T extends string | boolean>(
    key: string,
    labels: { parse(t: string): T | undefined; choices: string },
    set: (v: T) => void,
  ) => {
    const t = text(key);
    if (!t) return;
    const v = labels.parse(t);
    if (v === undefined) err(key, `"${t}"无法识别：请填写 ${labels.choices}`);
    else set(v);
  };
  const date = (key: string, set: (v: string) => void) => {
    const t = text(key);
    if (!t) return;
    const d = parseClerkDate(t);
    if (!d) err(key, `日期无法识别："${t}"，${DATE_HINT}`);
    else set(d);
  };

  if (text('name')) given.name = text('name');
  const id = text('idNumber').replace(/\s/g, '');
  const idAsNumber = idNumberStoredAsNumber(id);
  if (idAsNumber) err('idNumber', idAsNumber);
  else if (id) given.idNumber = id.toUpperCase();
  if (text('phone')) given.phone = phoneDigits(text('phone'));
  const place = (key: string, resolve: typeof resolveVillage, set: (code: string) => void) => {
    if (!text(key)) return;
    const r = resolve(text(key));
    if ('code' in r) set(r.code);
    else err(key, r.problem);
  };
  place('homeVillageCode', resolveVillage, (v) => (given.homeVillageCode = v));
  place('currentRegionCode', resolveVillageOrTownship, (v) => (given.currentRegionCode = v));
  if (text('householdNo')) given.householdNo = text('householdNo');
  if (text('householdSize')) {
    const n = int(text('householdSize'));
    if (n === undefined) err('householdSize', 'must be a whole number');
    else given.householdSize = n;
  }
  label('gender', GENDER, (v) => (given.gender = v as WorkerInput['gender']));
  date('birthDate', (v) => (given.birthDate = v));
  // Gender and birth date are in the ID number: a sheet may leave them out.
  const parsedId = given.idNumber ? validateIdNumber(given.idNumber) : undefined;
  if (parsedId?.ok) {
    given.gender ??= parsedId.gender;
    given.birthDate ??= parsedId.birthDate;
  }
  label('householdStatus', HOUSEHOLD_STATUS, (v) => (given.householdStatus = v as WorkerInput['householdStatus']));
  label('relocated', CLERK_YES_NO, (v) => (given.relocated = v));
  place('originVillageCode', resolveVillage, (v) => (given.originVillageCode = v));
  if (text('resettlementSite')) given.resettlementSite = text('resettlementSite');
  label('education', EDUCATION, (v) => (given.education = v as WorkerInput['education']));
  if (text('skills')) {
    const skills: Skill[] = [];
    for (const item of text('skills')
      .split(/[;；\n]+/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [name = '', level = '', years = '', cert = ''] = item.split(/[:：]/).map((s) => s.trim());
      const code = taxonomy.resolve(name);
      if (!code) {
        err('skills', `unknown skill "${name}" (not a name or synonym in the taxonomy)`);
        continue;
      }
      const lv = level === '' ? 1 : int(level);
      if (lv === undefined || lv < 1 || lv > 5) {
        err('skills', `${name}: level must be 1 to 5`);
        continue;
      }
      const yr = years === '' ? undefined : int(years);
      if (years !== '' && (yr === undefined || yr > 60)) {
        err('skills', `${name}: years must be a whole number up to 60`);
        continue;
      }
      skills.push({
        code,
        level: lv,
        ...(yr !== undefined ? { years: yr } : {}),
        ...(cert ? { certificateNo: cert } : {}),
      });
    }
    given.skills = skills;
  }
  if (text('tierPreferences')) {
    const tiers: WorkerInput['tierPreferences'] = [];
    for (const t of splitList(text('tierPreferences'))) {
      const tier = TIER.parse(t);
      if (!tier) err('tierPreferences', `"${t}"无法识别：请填写 ${TIER.choices}`);
      else tiers.push(tier as NonNullable<WorkerInput['tierPreferences']>[number]);
    }
    given.tierPreferences = tiers;
  }
  if (text('expectedMinWage')) {
    const n = int(text('expectedMinWage'));
    if (n === undefined) err('expectedMinWage', 'must be a whole number of yuan');
    else given.expectedMinWage = n;
  }
  date('availableFrom', (v) => (given.availableFrom = v));
  label('employmentStatus', EMPLOYMENT, (v) => (given.employmentStatus = v as WorkerInput['employmentStatus']));
  label('unionMember', CLERK_YES_NO, (v) => (given.unionMember = v));
  date('unionJoinedAt', (v) => (given.unionJoinedAt = v));
  if (text('consentVersion')) given.consentVersion = text('consentVersion');
  if (text('consentAt')) {
    const t = text('consentAt');
    // A bare date is the day the paper form was signed; a time without zone is county time.
    const at = parseDateTime(t, offsetMinutes);
    if (at) given.consentAt = at;
    else err('consentAt', `时间无法识别："${t}"，请写成 2026-11-28 08:00 或 2026年11月28日`);
  }
  return { given, errors };
}

/**
 * The WorkerInput a row amounts to: the stored record (for an update) overlaid with the row's
 * filled cells, or the defaults for a new registration.
 */
export function mergeRegistryRow(
  given: RegistryGiven,
  current: (Omit<WorkerInput, 'idNumber' | 'phone'> & { idNumber: string; phone: string }) | undefined,
  importedAt: string,
): WorkerInput {
  const { originVillageCode, resettlementSite, unionMember, unionJoinedAt, consentVersion, consentAt, ...plain } =
    given;
  const base: Partial<WorkerInput> = current ?? {
    householdStatus: 'none',
    relocated: false,
    skills: [],
    tierPreferences: ['in_county', 'in_province', 'out_of_province'],
    employmentStatus: 'seeking',
  };
  const merged: Record<string, unknown> = { ...base, ...plain };
  if (originVillageCode !== undefined || resettlementSite !== undefined) {
    merged.relocation = {
      ...(base.relocation ?? {}),
      ...(originVillageCode ? { originVillageCode } : {}),
      ...(resettlementSite ? { resettlementSite } : {}),
    };
  }
  if (unionMember !== undefined || unionJoinedAt !== undefined) {
    merged.unionMember = {
      member: unionMember ?? base.unionMember?.member ?? true,
      ...(base.unionMember?.joinedAt ? { joinedAt: base.unionMember.joinedAt } : {}),
      ...(unionJoinedAt ? { joinedAt: unionJoinedAt } : {}),
    };
  }
  if (consentVersion !== undefined || consentAt !== undefined || !current) {
    const version = consentVersion ?? base.consent?.version;
    merged.consent = { ...(version !== undefined ? { version } : {}), at: consentAt ?? base.consent?.at ?? importedAt };
  }
  return merged as WorkerInput;
}

/** The registry fields of a stored record, in the shape of WorkerInput (identifiers given in clear by the caller). */
export function recordAsInput(w: WorkerRecord, idNumber: string, phone: string) {
  const {
    id: _i,
    seq: _s,
    idNumberEnc: _e,
    idNumberHash: _h,
    idNumberMasked: _m,
    phoneEnc: _pe,
    phoneMasked: _pm,
    version: _v,
    createdBy: _c,
    createdAt: _ca,
    updatedAt: _u,
    lastContactAt: _l,
    ...rest
  } = w;
  return { ...rest, idNumber, phone };
}

/** One export row: cells by column key, in the formats the importer reads back. */
export function registryRow(w: ReturnType<typeof recordAsInput>, taxonomy: Taxonomy): Record<string, string | number> {
  return {
    name: w.name,
    idNumber: w.idNumber,
    gender: GENDER.label(w.gender),
    birthDate: w.birthDate,
    phone: w.phone,
    homeVillageCode: w.homeVillageCode,
    currentRegionCode: w.currentRegionCode ?? '',
    householdNo: w.householdNo ?? '',
    householdSize: w.householdSize ?? '',
    householdStatus: HOUSEHOLD_STATUS.label(w.householdStatus),
    relocated: YES_NO.label(w.relocated),
    originVillageCode: w.relocation?.originVillageCode ?? '',
    resettlementSite: w.relocation?.resettlementSite ?? '',
    education: w.education ? EDUCATION.label(w.education as never) : '',
    skills: w.skills
      .map((s) => {
        const parts = [taxonomy.get(s.code)?.nameZh ?? s.code, String(s.level)];
        if (s.years !== undefined || s.certificateNo) parts.push(s.years !== undefined ? String(s.years) : '');
        if (s.certificateNo) parts.push(s.certificateNo);
        return parts.join(':');
      })
      .join('；'),
    tierPreferences: w.tierPreferences.map((t) => TIER.label(t)).join('、'),
    expectedMinWage: w.expectedMinWage ?? '',
    availableFrom: w.availableFrom ?? '',
    employmentStatus: EMPLOYMENT.label(w.employmentStatus),
    unionMember: w.unionMember ? YES_NO.label(w.unionMember.member) : '',
    unionJoinedAt: w.unionMember?.joinedAt ?? '',
    consentVersion: w.consent.version,
    consentAt: w.consent.at,
  };
}

/** Maps a validation field (`skills/0/level`, `consent/at`) to the sheet column it came from. */
export function columnKeyOf(field: string): string {
  const [first = '', second] = field.split('/');
  if (first === 'relocation') return second ?? 'originVillageCode';
  if (first === 'unionMember') return second === 'joinedAt' ? 'unionJoinedAt' : 'unionMember';
  if (first === 'consent') return second === 'at' ? 'consentAt' : 'consentVersion';
  return first;
}

/** The fields a row changes on the stored record: none means the row is unchanged. */
export function changedFields(input: WorkerInput, before: object): string[] {
  return Object.keys(input).filter(
    (k) => stableJson((input as Record<string, unknown>)[k]) !== stableJson((before as Record<string, unknown>)[k]),
  );
}
