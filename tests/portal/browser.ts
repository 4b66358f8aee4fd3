import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { ApiClient, CHROMIUM } from '@tongxin/test-harness';
import { type Browser, type BrowserContext, type Page, type Response, chromium } from 'playwright-core';
import type { Test } from 'tap';
import { launch } from '../support/launcher.ts';
import { copyTemplate } from './county-template.ts';

/**
 * `npm start`'s embedded county seeded with the demo data (60 workers) in a fresh data directory,
 * stopped and removed when `t` ends, and killed should this process die first. Within a tap run the
 * data directory is a copy of the run's one seeded county (./county-template.ts).
 */
export async function seededCounty(t: Test): Promise<{ base: string; api: ApiClient }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tongxin-portal-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const copied = await copyTemplate(dataDir);
  const started = Date.now();
  const county = await launch({ TONGXIN_DATA_DIR: dataDir, TONGXIN_SEED_WORKERS: '60' }, 600_000);
  t.comment(`county ${copied ? "copied from the run's template" : 'seeded'}, up in ${Date.now() - started} ms`);
  t.teardown(() => county.stop());
  process.once('exit', () => county.process.kill('SIGKILL'));
  return { base: county.url, api: new ApiClient(county.url) };
}

// The phone is 360 px wide: the narrowest common Android width the county's workers and officers use.
export const VIEWPORTS = {
  phone: { width: 360, height: 800 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Headless Chromium as CI runs it; Playwright gives every launch a fresh temporary profile. */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A page that records console errors and failed responses, for the checks at the end of a journey. */
export async function openPage(
  browser: Browser,
  viewport: ViewportName,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /i18n/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { context, page, problems };
}

/** Serious and critical axe-core violations on the page as it stands: rule, impact and where (issue 19). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/**
 * The journeys of a test file: each runs at a phone's and a desktop's width (or `widths`) in a fresh context, and
 * the page it ends on is checked for sideways scrolling, raw ids, untranslated keys, unmasked ID
 * numbers, page errors and serious or critical accessibility violations (axe-core).
 */
export function journeysIn(t: Test, browser: Browser, widths: readonly ViewportName[] = ['phone', 'desktop']) {
  return (name: string, run: (t: Test, page: Page, viewport: ViewportName) => Promise<void>): void => {
    for (const viewport of widths) {
      t.test(`${name} (${viewport})`, async (t) => {
        const { context, page, problems } = await openPage(browser, viewport);
        t.teardown(() => context.close());
        await run(t, page, viewport);
        const overflow = Number(
          await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
        );
        t.ok(overflow <= 1, `no sideways scrolling at ${viewport} width (overflow ${overflow}px)`);
        t.same(await scanPage(page), [], 'no raw ids, untranslated keys or unmasked ID numbers');
        t.same(problems, [], 'no page errors and no missing translations');
        t.same(await axeViolations(page), [], 'no serious or critical accessibility violations (axe-core)');
      });
    }
  };
}

export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  // What went wrong on the way, for the failure's message: a menu that never comes says little.
  const failed: string[] = [];
  const onResponse = (r: Response) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  };
  page.on('response', onResponse);
  await page.goto(base + '/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  try {
    await page.locator('nav.primary a').first().waitFor();
  } catch (error) {
    const shown = await page
      .locator('main')
      .innerText()
      .catch(() => '');
    throw new Error(
      `${username} signed in, no menu: failed ${failed.join(', ') || 'none'}; main shows ${JSON.stringify(shown)}`,
      {
        cause: error,
      },
    );
  } finally {
    page.off('response', onResponse);
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** An unmasked resident ID number (18 characters, no asterisks). */
const FULL_ID = /(?<![\d*])\d{17}[\dXx](?![\d*])/;
const DICTIONARY_KEYS = [
  ...new Set(
    [
      ...readFileSync(
        join(import.meta.dirname, '..', '..', 'services', 'gateway', 'public', 'portal', 'lib', 'i18n.js'),
        'utf8',
      ).matchAll(/^\s*'([\w.]+)':/gm),
    ].map((m) => m[1]!),
  ),
].filter((k) => k.includes('.'));

/** What a page must never show: raw ids, dictionary keys, unmasked ID numbers. Returns the findings. */
export async function scanPage(page: Page): Promise<string[]> {
  const text = String(await page.evaluate('document.body.innerText'));
  const found: string[] = [];
  const uuid = UUID.exec(text);
  if (uuid) found.push(`raw id ${uuid[0]}`);
  const id = FULL_ID.exec(text);
  if (id) found.push(`unmasked ID number ${id[0]}`);
  const words = new Set(text.split(/[\s,，。:：()（）·]+/));
  for (const key of DICTIONARY_KEYS) if (words.has(key)) found.push(`untranslated key ${key}`);
  return found;
}

/** Bytes on the wire (compressed bodies plus headers) of everything a first visit to `/` loads. */
export async function measureFirstLoad(
  browser: Browser,
  base: string,
  viewport: ViewportName,
): Promise<{ bytes: number; decoded: number; files: number; encodings: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport] });
  const page = await context.newPage();
  const responses: Promise<{ encoded: number; decoded: number; encoding: string }>[] = [];
  page.on('requestfinished', (request) => {
    responses.push(
      (async () => {
        const sizes = await request.sizes();
        const response = await request.response();
        const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
        return {
          encoded: sizes.responseBodySize + sizes.responseHeadersSize,
          decoded: body.length,
          encoding: (await response?.headerValue('content-encoding')) ?? 'identity',
        };
      })(),
    );
  });
  await page.goto(base + '/', { waitUntil: 'networkidle' });
  await page.getByLabel('用户名').waitFor();
  const all = await Promise.all(responses);
  await context.close();
  return {
    bytes: all.reduce((s, r) => s + r.encoded, 0),
    decoded: all.reduce((s, r) => s + r.decoded, 0),
    files: all.length,
    encodings: [...new Set(all.map((r) => r.encoding))],
  };
}
