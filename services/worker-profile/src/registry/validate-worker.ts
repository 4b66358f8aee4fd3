import { isMobile, validateIdNumber } from '@tongxin/cn-codes';
import { isKnownRegion, regionLevel } from '@tongxin/regions';
import type { FieldError } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { Skill, WorkerInput, WorkerPatch } from './schemas.ts';

const ID_REASONS: Record<string, string> = {
  format: 'must be 17 digits followed by a digit or X',
  checksum: 'check digit does not match (GB 11643)',
  birthdate: 'the birth date inside it is not a real past date',
  region: 'the region code inside it is not a known region',
};

/**
 * The checks a schema cannot make: the ID number's check digit and its agreement with
 * birth date and gender, real region codes, taxonomy skills. Returns every problem at once.
 */
export function validateWorkerFacts(input: WorkerInput | WorkerPatch, taxonomy: Taxonomy, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });

  if ('idNumber' in input && input.idNumber !== undefined) {
    const id = validateIdNumber(input.idNumber);
    if (!id.ok) add('idNumber', ID_REASONS[id.reason] ?? 'invalid');
    else {
      if (input.birthDate && id.birthDate !== input.birthDate) {
        add('birthDate', `does not agree with the ID number (${id.birthDate})`);
      }
      if (input.gender && id.gender !== input.gender) add('gender', 'does not agree with the ID number');
    }
  }
  if (input.birthDate !== undefined && (input.birthDate > today || input.birthDate < '1900-01-01')) {
    add('birthDate', 'must be a past date after 1900');
  }
  if (input.phone !== undefined && !isMobile(input.phone)) add('phone', 'must be an 11-digit mainland mobile number');
  if (
    input.homeVillageCode !== undefined &&
    !(regionLevel(input.homeVillageCode) === 'village' && isKnownRegion(input.homeVillageCode))
  ) {
    add('homeVillageCode', 'is not a known village code (GB/T 2260, 12 digits)');
  }
  if (input.currentRegionCode !== undefined && !isKnownRegion(input.currentRegionCode)) {
    add('currentRegionCode', 'is not a known region code');
  }
  const origin = input.relocation?.originVillageCode;
  if (origin !== undefined && !isKnownRegion(origin))
    add('relocation/originVillageCode', 'is not a known village code');
  input.skills?.forEach((s: Skill, i: number) => {
    if (!taxonomy.has(s.code)) add(`skills/${i}/code`, `unknown skill code ${s.code}`);
  });
  const codes = input.skills?.map((s) => s.code) ?? [];
  if (new Set(codes).size !== codes.length) add('skills', 'each skill code may appear once');
  if (input.unionMember?.joinedAt && input.unionMember.joinedAt > today)
    add('unionMember/joinedAt', 'is in the future');
  return errors;
}
