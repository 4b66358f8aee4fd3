import { closeSync, openSync, readSync } from 'node:fs';
import { dataFile, parseRow } from './data-files.ts';
import { RegionsError } from './errors.ts';

/*
 * villages.csv is ~38 MB / 620k rows; parsing it whole into a Map costs well over
 * 100 MB of heap. The file is sorted by code, so one streaming pass records the
 * byte ranges of each county's rows and only counties actually asked about are
 * parsed, with a small LRU so a long-running service doesn't creep back to the
 * full table.
 */

const FILE = 'villages.csv';
const CHUNK = 1 << 20;
const MAX_CACHED_COUNTIES = 64;

type Range = [start: number, end: number];

let ranges: Map<string, Range[]> | undefined;
const cache = new Map<string, Map<string, string>>();

function withFile<T>(file: string, fn: (fd: number) => T): T {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (cause) {
    if (cause instanceof RegionsError) throw cause;
    throw new RegionsError('REGIONS_DATA_UNAVAILABLE', `cannot open ${file}`, { cause });
  }
  try {
    return fn(fd);
  } finally {
    closeSync(fd);
  }
}

/** Byte ranges of each county's rows in a sorted village CSV; exported for tests. */
export function scanCountyRanges(file: string): Map<string, Range[]> {
  const result = new Map<string, Range[]>();
  withFile(file, (fd) => {
    const buf = Buffer.allocUnsafe(CHUNK);
    let filePos = 0;
    let header = true;
    let current: string | undefined;
    let currentStart = 0;
    const close = (end: number): void => {
      if (current === undefined) return;
      const list = result.get(current);
      // Tolerate an unsorted file: a county seen twice just gets a second range.
      if (list) list.push([currentStart, end]);
      else result.set(current, [[currentStart, end]]);
    };
    for (;;) {
      const read = readSync(fd, buf, 0, CHUNK, filePos);
      if (read === 0) break;
      let lineStart = 0;
      let consumed = 0;
      for (;;) {
        const nl = buf.indexOf(10, lineStart);
        // Only whole lines are handled; a partial tail is re-read with the next chunk.
        if (nl < 0 || nl >= read) break;
        if (header) {
          header = false;
        } else if (nl - lineStart >= 6) {
          const county = buf.toString('latin1', lineStart, lineStart + 6);
          if (county !== current) {
            close(filePos + lineStart);
            current = county;
            currentStart = filePos + lineStart;
          }
        }
        lineStart = nl + 1;
        consumed = lineStart;
      }
      if (consumed === 0) {
        if (read === CHUNK) {
          throw new RegionsError('REGIONS_DATA_UNAVAILABLE', `${file}: line at byte ${filePos} exceeds ${CHUNK} bytes`);
        }
        // Last line of a file that lacks a trailing newline.
        if (!header && read >= 6) {
          const county = buf.toString('latin1', 0, 6);
          if (county !== current) {
            close(filePos);
            current = county;
            currentStart = filePos;
          }
        }
        filePos += read;
        break;
      }
      filePos += consumed;
    }
    close(filePos);
  });
  return result;
}

function loadCounty(county: string): Map<string, string> {
  ranges ??= scanCountyRanges(dataFile(FILE));
  const villages = new Map<string, string>();
  const list = ranges.get(county);
  if (list) {
    withFile(dataFile(FILE), (fd) => {
      for (const [start, end] of list) {
        const buf = Buffer.allocUnsafe(end - start);
        readSync(fd, buf, 0, buf.length, start);
        for (const line of buf.toString('utf8').split('\n')) {
          const row = parseRow(line.trimEnd());
          if (row) villages.set(row.code, row.name);
        }
      }
    });
  }
  return villages;
}

/** Village code → name for one county (6-digit code); empty when the county has no village rows. */
export function villagesOfCounty(county: string): ReadonlyMap<string, string> {
  const hit = cache.get(county);
  if (hit) {
    cache.delete(county);
    cache.set(county, hit);
    return hit;
  }
  const villages = loadCounty(county);
  cache.set(county, villages);
  if (cache.size > MAX_CACHED_COUNTIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return villages;
}

/** Number of counties whose village rows are currently parsed in memory (for tests and diagnostics). */
export function cachedVillageCounties(): number {
  return cache.size;
}
