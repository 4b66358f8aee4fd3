import { validateCreditCode } from '@tongxin/cn-codes';
import { isKnownRegion } from '@tongxin/regions';
import type { FieldError } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { EmployerPatch, IntentPatch, OpeningPatch, RequiredSkill } from './schemas.ts';

/** Industries are the taxonomy's categories, plus `other` for companies outside them. */
export function industries(taxonomy: Taxonomy): string[] {
  return [...taxonomy.categories(), 'other'];
}

/** Checks a schema cannot make on an employer: the GB 32100 check character, real regions, known industries. */
export function validateEmployerFacts(input: EmployerPatch, taxonomy: Taxonomy): FieldError[] {
  const errors: FieldError[] = [];
  if (input.creditCode !== undefined) {
    const r = validateCreditCode(input.creditCode);
    if (!r.ok) {
      errors.push({
        field: 'creditCode',
        message:
          r.reason === 'checksum'
            ? 'check character does not match (GB 32100)'
            : 'must be 18 characters: 2 letters or digits, a 6-digit region code, 10 letters or digits (no I, O, S, V, Z)',
      });
    }
  }
  if (input.regionCode !== undefined && !isKnownRegion(input.regionCode)) {
    errors.push({ field: 'regionCode', message: 'is not a known region code (GB/T 2260)' });
  }
  if (input.industry !== undefined && !industries(taxonomy).includes(input.industry)) {
    errors.push({ field: 'industry', message: `must be one of ${industries(taxonomy).join(', ')}` });
  }
  return errors;
}

/** An opening's fields after a change, as far as the sense checks need them. */
export interface OpeningFacts extends Omit<OpeningPatch, 'status'> {
  filledCount?: number;
}

/**
 * Checks on an opening's whole state (after a patch is merged): taxonomy codes, a real
 * worksite, wages, dates and headcount that make sense. `changed` limits the checks that
 * concern only newly given values (a past closing date already on file is the sweep's business).
 */
export function validateOpeningFacts(
  o: OpeningFacts,
  changed: OpeningPatch,
  taxonomy: Taxonomy,
  today: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (changed.occupationCode !== undefined && !taxonomy.has(changed.occupationCode)) {
    add('occupationCode', `unknown occupation code ${changed.occupationCode}`);
  }
  changed.requiredSkills?.forEach((s: RequiredSkill, i: number) => {
    if (!taxonomy.has(s.code)) add(`requiredSkills/${i}/code`, `unknown skill code ${s.code}`);
  });
  const codes = changed.requiredSkills?.map((s) => s.code) ?? [];
  if (new Set(codes).size !== codes.length) add('requiredSkills', 'each skill code may appear once');
  if (changed.worksiteRegionCode !== undefined && !isKnownRegion(changed.worksiteRegionCode)) {
    add('worksiteRegionCode', 'is not a known region code (GB/T 2260, county level or finer)');
  }
  if (o.wageMin !== undefined && o.wageMax !== undefined && o.wageMin > o.wageMax) {
    add(changed.wageMax !== undefined ? 'wageMax' : 'wageMin', 'wageMin must not exceed wageMax');
  }
  if (o.startDate && o.closingDate && o.closingDate < o.startDate) {
    add(
      changed.closingDate !== undefined ? 'closingDate' : 'startDate',
      'the closing date must not be before the start date',
    );
  }
  if (changed.closingDate !== undefined && changed.closingDate < today) add('closingDate', 'is in the past');
  if (o.headcount !== undefined && o.filledCount !== undefined && o.headcount < o.filledCount) {
    add('headcount', `must not be below the ${o.filledCount} already hired`);
  }
  if (o.contractType === 'open_ended' && changed.contractMonths !== undefined) {
    add('contractMonths', 'an open-ended contract has no length');
  }
  return errors;
}

/** Checks on an intent: a deadline not already past. */
export function validateIntentFacts(input: IntentPatch, today: string): FieldError[] {
  return input.deadline !== undefined && input.deadline < today
    ? [{ field: 'deadline', message: 'is in the past' }]
    : [];
}
