import { createInflateRaw } from 'node:zlib';
import { ProblemError } from '@tongxin/service-platform';

/** What a workbook may hold once unpacked: far above any real ledger, far below a zip bomb. */
export interface ZipLimits {
  /** Entries in the archive (a workbook has a dozen or so; images and sheets add a few). */
  maxEntries: number;
  /** Bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Bytes all entries together may inflate to. */
  maxTotalBytes: number;
  /** Inflated/compressed ratio allowed for entries above `ratioFloorBytes`; sheet XML stays far below it. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;
export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 400 * MiB,
  maxRatio: 200,
  ratioFloorBytes: MiB,
};

const tooLarge = (detail: string) =>
  new ProblemError(413, 'IMPORT_UNZIPPED_TOO_LARGE', 'Workbook too large unpacked', detail, {
    errors: [{ field: 'file', message: detail }],
  });
const damaged = (detail: string) =>
  new ProblemError(400, 'IMPORT_UNREADABLE_FILE', 'Unreadable file', `not a readable xlsx workbook (${detail})`, {
    errors: [{ field: 'file', message: detail }],
  });

/**
 * Checks a ZIP before anything unpacks it for real: the directory's entry count and declared sizes,
 * then every entry inflated as a stream whose bytes are counted and dropped, stopping as soon as an
 * entry goes past what it declared or past the limits. What the directory declares is never
 * trusted on its own: an entry must inflate to exactly its declared size, so the reader that
 * unpacks the workbook afterwards sees no more than was counted here.
 */
export async function assertZipWithinLimits(zip: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<void> {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), zip.length - 22);
  if (eocd < 0 || eocd < zip.length - 65_557) throw damaged('its ZIP directory is missing');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw tooLarge('ZIP64 archives are not accepted; save as a plain xlsx');
  if (count > limits.maxEntries)
    throw tooLarge(`the workbook holds ${count} entries; at most ${limits.maxEntries} are accepted`);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw damaged('its ZIP directory is damaged');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const declared = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip
      .subarray(at + 46, at + 46 + nameLength)
      .toString('utf8')
      .slice(0, 100);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);

    if (flags & 0x1) throw damaged(`entry ${name} is encrypted`);
    if (declared > limits.maxEntryBytes || compressed === 0xffffffff)
      throw tooLarge(`entry ${name} unpacks to more than ${limits.maxEntryBytes / MiB} MiB`);
    if (total + declared > limits.maxTotalBytes)
      throw tooLarge(`the workbook unpacks to more than ${limits.maxTotalBytes / MiB} MiB`);
    if (declared > limits.ratioFloorBytes && declared > compressed * limits.maxRatio)
      throw tooLarge(`entry ${name} is compressed more than ${limits.maxRatio}:1, which no real sheet is`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw damaged(`entry ${name} is missing`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) throw damaged(`entry ${name} is cut short`);
    const data = zip.subarray(start, start + compressed);

    let actual: number;
    if (method === 0) actual = compressed;
    else if (method === 8) actual = await inflatedSize(data, declared);
    else throw damaged(`entry ${name} uses an unsupported compression method`);
    if (actual > declared) throw tooLarge(`entry ${name} unpacks to more than the ${declared} bytes it declares`);
    if (actual < declared) throw damaged(`entry ${name} unpacks to fewer bytes than it declares`);
    total += actual;
  }
}

/**
 * Inflates `data` counting the bytes and keeping none; stops at `max + 1` bytes (the caller then
 * knows the entry is larger than allowed without it ever being held in memory).
 */
function inflatedSize(data: Buffer, max: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let bytes = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    inflate.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > max) {
        settle(() => resolve(bytes));
        inflate.destroy();
      }
    });
    inflate.on('end', () => settle(() => resolve(bytes)));
    inflate.on('error', (err) =>
      settle(() => reject(damaged(`an entry does not inflate (${err.message.slice(0, 80)})`))),
    );
    inflate.end(data);
  });
}
