import { ProblemError, conflict, invalidField } from '@tongxin/service-platform';

/**
 * Stable problem codes of worker-profile (besides the platform's VALIDATION_FAILED, NOT_FOUND,
 * FORBIDDEN, AUTH_REQUIRED). The codes predate the per-service prefix and clients match on them,
 * so they stay as they are; every new code takes the `WORKER_` or `IMPORT_` prefix.
 *
 * | code | status | meaning | fix |
 * |---|---|---|---|
 * | WORKER_ALREADY_REGISTERED | 409 | the ID number is registered (`existingId` only when in your scope) | update that worker, or ask the county administrator |
 * | INCOME_MONTH_CONFLICT | 409 | two entries for one month raced | retry |
 * | PARTY_GROUP_EXISTS | 409 | the village has a group of that name | use it |
 * | ALREADY_A_MEMBER | 409 | the worker is a member of a party group (`memberId`) | — |
 * | IMPORT_UNREADABLE_FILE | 400 | not an xlsx/csv, damaged, empty, or without header | send the spreadsheet itself |
 * | IMPORT_MISSING_COLUMNS | 400 | required headers are missing (`errors` names them) | start from the template |
 * | IMPORT_BAD_UPLOAD | 400 | a multipart body without a file part | send the field `file` |
 * | UNSUPPORTED_MEDIA_TYPE | 415 | the import body is not a spreadsheet upload | use an xlsx/csv content type or multipart |
 * | IMPORT_TOO_LARGE / IMPORT_TOO_MANY_ROWS | 413 | over IMPORT_MAX_BYTES / IMPORT_MAX_ROWS | split the file |
 * | IMPORT_UNZIPPED_TOO_LARGE | 413 | an xlsx whose entries unpack past the limits (zip bomb) | save the sheet again, split it |
 * | IMPORT_BUSY | 429 | the account already has IMPORT_MAX_IN_FLIGHT imports in flight | wait for one to finish |
 * | IMPORT_INVALID_ROWS | 422 | mode `all` and some rows are invalid; nothing written | fix the rows or use `mode=valid-only` |
 * | IMPORT_CONFLICT | 409 | a worker in the file changed, or was registered, while it was checked | import again |
 * | UNION_FEDERATION_EXISTS | 409 | the township already has its union federation (`existingId`) | use it |
 * | UNION_WORK_GROUP_EXISTS | 409 | the federation has a work group of that name | use it, or choose another name |
 * | UNION_VILLAGE_OUTSIDE_TOWNSHIP | 400 | a work group covers a village outside its federation's township (`villageCodes`) | a federation's groups cover its own villages |
 * | UNION_VILLAGE_NOT_COVERED | 400 | the worker's home village is not among the work group's villages (`workGroupId`) | choose a group of the worker's village |
 * | UNION_ALREADY_A_MEMBER | 409 | the worker has an open membership (`membershipId`) | record the leaving first |
 * | UNION_MEMBERSHIP_NO_TAKEN | 409 | an open membership holds that number | check the number |
 * | UNION_NOT_A_MEMBER | 409 | leaving, but the worker has no open membership | — |
 * | QIYOU_COMPUTED_ITEM | 400 | a 七有 item Tongxin computes was declared (`item`) | record its ledger entries instead |
 * | QIYOU_EVIDENCE_REQUIRED | 400 | a 七有 declaration without date, text or document reference | give all three |
 * | HOUSEHOLD_OTHER_VILLAGE | 400 | `householdNo` names a household whose members live in another village | correct the household number or the village |
 * | HOUSEHOLD_WITHOUT_MEMBERS | 409 | the household has no registered worker left; it is kept for its history only | register or move a member into it first |
 * | WORKER_FIELD_NOT_SELF_EDITABLE | 403 | a worker's own edit names a field only officers change (`errors` names each) | ask your village officer; the phone may be proposed |
 * | WORKER_PENDING_CHANGE_DECIDED | 409 | the proposed change was already confirmed (declining) or declined (confirming) (`outcome`) | nothing to do; the worker may propose again |
 * | REGISTRATION_REQUEST_DECIDED | 409 | the self-registration request was already declined (confirming) or confirmed (declining) (`decision`, `workerId`) | nothing to do; a declined person may submit again |
 */

/** 409 for an ID number already on file; the record is named only to whoever may read it. */
export const alreadyRegistered = (existingId: string | undefined, elsewhere = false): ProblemError =>
  conflict(
    'WORKER_ALREADY_REGISTERED',
    existingId
      ? `a worker with this ID number is already registered: ${existingId}`
      : elsewhere
        ? 'a worker with this ID number is already registered outside your villages; ask the county administrator'
        : 'a worker with this ID number is already registered',
    {
      errors: [{ field: 'idNumber', message: 'is already registered' }],
      ...(existingId ? { existingId } : {}),
    },
  );

export const incomeMonthConflict = (month: string, cause?: unknown): ProblemError =>
  new ProblemError(
    409,
    'INCOME_MONTH_CONFLICT',
    'Conflict',
    `income for ${month} was recorded concurrently; retry`,
    {},
    { cause },
  );

export const partyGroupExists = (name: string, cause?: unknown): ProblemError =>
  new ProblemError(
    409,
    'PARTY_GROUP_EXISTS',
    'Conflict',
    `the village already has a party group named ${name}`,
    {},
    { cause },
  );

export const alreadyAMember = (groupId: string, memberId: string): ProblemError =>
  conflict('ALREADY_A_MEMBER', `this worker is already a member of party group ${groupId}`, { memberId });

/** A row read before the import's transaction changed meanwhile: the checked plan is stale. */
export const importStaleRow = (row: number): ProblemError =>
  conflict('IMPORT_CONFLICT', `row ${row}: the worker was changed while the file was being checked; import again`);

/** Someone registered one of the file's ID numbers meanwhile: the unique index refused the batch. */
export const importRegisteredMeanwhile = (cause?: unknown): ProblemError =>
  new ProblemError(
    409,
    'IMPORT_CONFLICT',
    'Conflict',
    'a worker in the file was registered while the file was being checked; import again',
    {},
    { cause },
  );

export const unreadableFile = (detail: string): ProblemError =>
  new ProblemError(400, 'IMPORT_UNREADABLE_FILE', 'Unreadable file', detail, {
    errors: [{ field: 'file', message: detail }],
  });

export const badUpload = (detail: string): ProblemError =>
  new ProblemError(400, 'IMPORT_BAD_UPLOAD', 'Bad upload', detail, { errors: [{ field: 'file', message: detail }] });

export const tooManyRows = (max: number): ProblemError =>
  new ProblemError(
    413,
    'IMPORT_TOO_MANY_ROWS',
    'Too many rows',
    `one import holds at most ${max} rows; split the file`,
    {
      errors: [{ field: 'file', message: `more than ${max} rows` }],
    },
  );

export const uploadTooLarge = (maxBytes: number): ProblemError =>
  new ProblemError(
    413,
    'IMPORT_TOO_LARGE',
    'Payload too large',
    `uploads are limited to ${Math.floor(maxBytes / 1024 / 1024)} MiB; split the file`,
    { errors: [{ field: 'file', message: 'too large' }] },
  );

export const unsupportedUpload = (xlsx: string): ProblemError =>
  new ProblemError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'Unsupported media type',
    `send the spreadsheet as ${xlsx}, text/csv or multipart/form-data`,
    { errors: [{ field: 'content-type', message: 'not a spreadsheet upload' }] },
  );

export const importBusy = (running: number, max: number): ProblemError =>
  new ProblemError(
    429,
    'IMPORT_BUSY',
    'Too many imports',
    `this account already has ${running} imports in flight (at most ${max}); wait for one to finish`,
    { errors: [{ field: 'file', message: 'too many imports in flight for this account' }] },
  );

export const missingColumns = (headers: string[]): ProblemError =>
  new ProblemError(400, 'IMPORT_MISSING_COLUMNS', 'Missing columns', `the header row lacks ${headers.join(', ')}`, {
    errors: headers.map((h) => ({ field: h, message: 'required column is missing from the header row' })),
  });

export const federationExists = (existingId: string, cause?: unknown): ProblemError =>
  new ProblemError(
    409,
    'UNION_FEDERATION_EXISTS',
    'Conflict',
    'the township already has its union federation',
    { existingId, errors: [{ field: 'townshipCode', message: 'already has a federation' }] },
    { cause },
  );

export const workGroupExists = (name: string, cause?: unknown): ProblemError =>
  new ProblemError(
    409,
    'UNION_WORK_GROUP_EXISTS',
    'Conflict',
    `the federation already has a work group named ${name}`,
    { errors: [{ field: 'name', message: 'is taken in this federation' }] },
    { cause },
  );

export const villageOutsideTownship = (village: string, township: string): ProblemError =>
  invalidField(
    'villageCodes',
    `${village} is not a village of the federation's township ${township}`,
    'UNION_VILLAGE_OUTSIDE_TOWNSHIP',
  );

export const villageNotCovered = (field: string, village: string): ProblemError =>
  invalidField(
    field,
    `the work group does not cover the worker's home village ${village}`,
    'UNION_VILLAGE_NOT_COVERED',
  );

export const alreadyUnionMember = (membershipId: string): ProblemError =>
  conflict('UNION_ALREADY_A_MEMBER', 'the worker already has an open union membership; record the leaving first', {
    membershipId,
    errors: [{ field: 'workerId', message: 'has an open membership' }],
  });

export const membershipNoTaken = (cause?: unknown): ProblemError =>
  new ProblemError(
    409,
    'UNION_MEMBERSHIP_NO_TAKEN',
    'Conflict',
    'an open membership holds this membership number',
    { errors: [{ field: 'membershipNo', message: 'is held by another open membership' }] },
    { cause },
  );

export const notAUnionMember = (): ProblemError =>
  conflict('UNION_NOT_A_MEMBER', 'the worker has no open union membership', {
    errors: [{ field: 'workerId', message: 'has no open membership' }],
  });

export const computedQiyouItem = (item: string): ProblemError =>
  invalidField('item', `${item} is computed from the ledgers, not declared`, 'QIYOU_COMPUTED_ITEM');

export const qiyouEvidenceRequired = (fields: string[]): ProblemError =>
  new ProblemError(400, 'QIYOU_EVIDENCE_REQUIRED', 'Evidence required', `a declaration needs ${fields.join(', ')}`, {
    errors: fields.map((field) => ({ field, message: 'is required as evidence' })),
  });

/** A worker joining a household whose members live in another village: one household, one village. */
export const householdOtherVillage = (householdNo: string, village: string): ProblemError =>
  new ProblemError(
    400,
    'HOUSEHOLD_OTHER_VILLAGE',
    'Validation failed',
    `householdNo: household ${householdNo} belongs to village ${village}`,
    { errors: [{ field: 'householdNo', message: `household ${householdNo} belongs to village ${village}` }] },
  );

export const householdWithoutMembers = (householdNo: string): ProblemError =>
  conflict('HOUSEHOLD_WITHOUT_MEMBERS', `household ${householdNo} has no registered member`, {
    errors: [{ field: 'members', message: 'the household has no registered member' }],
  });

/** A decided self-registration request cannot take the other decision. */
export const requestDecided = (status: 'confirmed' | 'declined', workerId?: string): ProblemError =>
  conflict('REGISTRATION_REQUEST_DECIDED', `the registration request was already ${status}`, {
    decision: status,
    ...(workerId ? { workerId } : {}),
    errors: [{ field: 'status', message: status === 'confirmed' ? 'was already confirmed' : 'was already declined' }],
  });

/** A worker editing their own record named fields only officers change (ADR 0020); nothing written. */
export const notSelfEditable = (fields: string[]): ProblemError =>
  new ProblemError(
    403,
    'WORKER_FIELD_NOT_SELF_EDITABLE',
    'Forbidden',
    `a worker may not change ${fields.join(', ')}; ask your village officer`,
    { errors: fields.map((field) => ({ field, message: 'only your village officer may change this' })) },
  );

/** A proposed change already decided the other way. */
export const pendingChangeDecided = (outcome: 'confirmed' | 'declined'): ProblemError =>
  conflict('WORKER_PENDING_CHANGE_DECIDED', `the proposed change was already ${outcome}`, {
    outcome,
    errors: [{ field: 'outcome', message: outcome === 'confirmed' ? 'was already confirmed' : 'was already declined' }],
  });
