import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import { maskIdNumber, maskPhone } from '@tongxin/cn-codes';
import { type TongxinEvent, createEvent } from '@tongxin/events';
import type { PiiCipher } from './pii-cipher.ts';
import type { WorkerInput } from './schemas.ts';
import { type WorkerRecord, snapshotOf } from './worker.ts';
import { SOURCE } from './worker-changes.ts';

/** A new registration, ready to insert: its id, its stored fields and its event. */
export interface Registration {
  id: string;
  /** The input with defaults, the ID number and phone encrypted, hashed and masked (never in clear). */
  fields: Partial<WorkerRecord>;
  /** `worker.registered` of the record as stored. */
  event(stored: WorkerRecord): TongxinEvent;
}

/**
 * Builds a registration the same way for the API and the import: identifiers are kept only
 * encrypted, hashed (for lookups) and masked (for views), and an officer's registration names
 * them as the worker's officer unless the input names one.
 */
export function registration(cipher: PiiCipher, input: WorkerInput, registrar: Principal): Registration {
  const { idNumber: given, phone, ...rest } = input;
  const idNumber = given.toUpperCase();
  const id = randomUUID();
  const fields: Partial<WorkerRecord> = {
    ...rest,
    idNumberEnc: cipher.encrypt(idNumber),
    idNumberHash: cipher.hash(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    phoneEnc: cipher.encrypt(phone),
    phoneMasked: maskPhone(phone),
    skills: input.skills ?? [],
    tierPreferences: input.tierPreferences ?? ['in_county', 'in_province', 'out_of_province'],
    relocated: input.relocated ?? false,
    householdStatus: input.householdStatus ?? 'none',
    employmentStatus: input.employmentStatus ?? 'seeking',
    ...(input.officerId === undefined && registrar.role === 'officer' ? { officerId: registrar.sub } : {}),
  };
  return {
    id,
    fields,
    event: (stored) =>
      createEvent({
        type: 'worker.registered',
        source: SOURCE,
        subject: stored.id,
        data: { worker: snapshotOf(stored) },
      }),
  };
}
