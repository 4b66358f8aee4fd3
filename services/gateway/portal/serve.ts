import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { childrenOf, HOME_COUNTY, regionName, regionShortName } from '@tongxin/regions';
import { COUNTY_UTC_OFFSET_MINUTES } from '@tongxin/service-platform';
import { loadTaxonomy } from '@tongxin/taxonomy';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const require = createRequire(import.meta.url);

const PUBLIC_DIR = join(import.meta.dirname, '..', 'public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** A file held in memory with its compressed forms; static files are small and few. */
interface Asset {
  type: string;
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  /** Source file and its mtime, so an edited source is picked up without a restart. */
  file?: string;
  mtimeMs?: number;
  csp?: string;
}

async function makeAsset(body: Buffer, type: string, file?: string, mtimeMs?: number): Promise<Asset> {
  const compressible = !/^image\/png/.test(type);
  const [br, gzipped] = compressible
    ? await Promise.all([
        brotli(body, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }),
        gz(body, { level: 9 }),
      ])
    : [body, body];
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  const asset: Asset = { type, etag, identity: body, br, gzip: gzipped };
  if (file !== undefined) asset.file = file;
  if (mtimeMs !== undefined) asset.mtimeMs = mtimeMs;
  if (type.startsWith('text/html')) asset.csp = contentSecurityPolicy(body.toString('utf8'));
  return asset;
}

/** Inline scripts (the import map) are allowed by their hash only; everything else comes from here. */
function contentSecurityPolicy(htmlText: string): string {
  const hashes = [...htmlText.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    // Bar lengths in the charts are inline style widths.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The front-end libraries, served as native ES modules straight from node_modules (no build step). */
function vendorFiles(): Record<string, string> {
  // Package roots from their main entries (htm does not export its package.json).
  const root = (name: string) => {
    const main = require.resolve(name);
    const marker = `${sep}node_modules${sep}${name}${sep}`;
    return main.slice(0, main.lastIndexOf(marker) + marker.length - 1);
  };
  const preact = root('preact');
  const htm = root('htm');
  return {
    '/vendor/preact.mjs': join(preact, 'dist', 'preact.mjs'),
    '/vendor/preact-hooks.mjs': join(preact, 'hooks', 'dist', 'hooks.mjs'),
    '/vendor/htm.mjs': join(htm, 'dist', 'htm.mjs'),
    '/vendor/htm-preact.mjs': join(htm, 'preact', 'index.mjs'),
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

/**
 * Reference data the portal shows names from: skill names (the typeahead API answers text, not
 * codes) and the places of the home county and of China for the pickers. Loaded after sign-in only.
 */
function referenceData(homeCounty: string, utcOffsetMinutes: number): unknown {
  const skills: Record<string, [string, string, string]> = {};
  for (const s of loadTaxonomy().all()) skills[s.code] = [s.nameZh, s.nameEn, s.category];
  const townships = childrenOf(homeCounty).map((town) => ({
    code: town.code,
    name: town.name,
    villages: childrenOf(town.code).map((v) => [v.code, regionShortName(v.code) ?? v.name]),
  }));
  // Province → city → county for worksites anywhere in the country.
  const provinces: [string, string, [string, string, [string, string][]][]][] = [];
  for (let p = 10; p < 100; p++) {
    const code = String(p);
    const name = regionName(code);
    if (!name) continue;
    provinces.push([
      code,
      name,
      childrenOf(code).map((city) => [city.code, city.name, childrenOf(city.code).map((c) => [c.code, c.name])]),
    ]);
  }
  return { homeCounty, homeCountyName: regionName(homeCounty), utcOffsetMinutes, skills, townships, provinces };
}

export interface PortalOptions {
  /** The county whose programme this is (tiers are derived from it). */
  homeCounty?: string;
  /** The county's offset from UTC in minutes (CALENDAR_UTC_OFFSET_MINUTES): the portal's "today". */
  utcOffsetMinutes?: number;
}

/**
 * Serves the web portal: `/` (index.html), `/portal/*` (its modules and styles), `/vendor/*`
 * (Preact and htm from node_modules) and `/portal/ref.json`. Every response is compressed here
 * (brotli or gzip, negotiated, computed once) so that the API routes are untouched, and revalidated
 * by ETag so a new deployment is picked up at once.
 */
export async function registerPortal(app: FastifyInstance, options: PortalOptions = {}): Promise<void> {
  const assets = new Map<string, Asset>();
  const sources = new Map<string, string>();
  for (const file of await listFiles(PUBLIC_DIR)) {
    const rel = relative(PUBLIC_DIR, file).split(sep).join('/');
    if (rel === 'index.html') sources.set('/', file);
    else if (rel.startsWith('portal/')) sources.set(`/${rel}`, file);
  }
  for (const [url, file] of Object.entries(vendorFiles())) sources.set(url, file);

  const load = async (url: string): Promise<Asset | undefined> => {
    const file = sources.get(url);
    if (!file) return assets.get(url);
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    const cached = assets.get(url);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const asset = await makeAsset(
      await readFile(file),
      TYPES[extname(file)] ?? 'application/octet-stream',
      file,
      info.mtimeMs,
    );
    assets.set(url, asset);
    return asset;
  };
  await Promise.all([...sources.keys()].map(load));
  const ref = Buffer.from(
    JSON.stringify(
      referenceData(options.homeCounty ?? HOME_COUNTY, options.utcOffsetMinutes ?? COUNTY_UTC_OFFSET_MINUTES),
    ),
  );
  assets.set('/portal/ref.json', await makeAsset(ref, TYPES['.json']!));

  const send = async (request: FastifyRequest, reply: FastifyReply, url: string) => {
    const asset = await load(url);
    if (!asset) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    }
    reply.header('cache-control', 'no-cache');
    reply.header('etag', asset.etag);
    reply.header('vary', 'accept-encoding');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (asset.csp) reply.header('content-security-policy', asset.csp);
    reply.type(asset.type);
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    const accepted = String(request.headers['accept-encoding'] ?? '');
    if (/\bbr\b/.test(accepted) && asset.br !== asset.identity) {
      return reply.header('content-encoding', 'br').send(asset.br);
    }
    if (/\bgzip\b/.test(accepted) && asset.gzip !== asset.identity) {
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send(asset.identity);
  };

  // The portal's own files are outside the per-address request limit: a sign-in loads some eighty
  // modules (revalidated, served from memory), and a township office's officers share one address,
  // so they spent its budget before the first API call (ADR 0006). The in-flight cap still holds.
  const route = { config: { public: true, rateLimit: false }, schema: { hide: true } };
  app.get('/', route, (request, reply) => send(request, reply, '/'));
  app.get('/portal/*', route, (request, reply) => send(request, reply, request.url.split('?')[0]!));
  app.get('/vendor/*', route, (request, reply) => send(request, reply, request.url.split('?')[0]!));
}
