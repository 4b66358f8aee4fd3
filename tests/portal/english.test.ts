import { DEMO_PASSWORD, runsWith } from '@tongxin/test-harness';
import type { Page } from 'playwright-core';
import t from 'tap';
import { axeViolations, journeysIn, launchBrowser, scanPage, seededCounty, signIn } from './browser.ts';

// Issue 19: every screen of every role's menu in English, in headless Chromium against `npm start`'s demo
// county, at a phone's width: the narrower layout, where a longer English label breaks first (every screen
// at both widths is the Chinese journeys' part; both widths here took 13 of CI's 90 minutes). Each screen
// must load (no error box), title itself in English, show no dictionary key, raw id or unmasked ID number,
// log no missing translation, and pass axe.
if (runsWith(t, 'chromium')) {
  t.setTimeout(1_800_000);
  const { base } = await seededCounty(t);
  const { browser, close } = await launchBrowser();
  t.teardown(close);
  const journey = journeysIn(t, browser, ['phone']);

  const CJK = /[\u4e00-\u9fff]/;
  /** The menu's screens, as the role's navigation lists them (hash routes). */
  const menu = async (page: Page): Promise<{ href: string; label: string }[]> =>
    page.$$eval('nav.primary a', (links) =>
      links.map((a) => ({ href: a.getAttribute('href') ?? '', label: (a.textContent ?? '').trim() })),
    );

  for (const username of ['worker.demo', 'employer.demo', 'officer.yixing', 'admin']) {
    journey(`${username}: every menu screen in English`, async (t, page) => {
      await signIn(page, base, username, DEMO_PASSWORD);
      const chinese = await menu(page);
      t.ok(chinese.length >= 3, `${username} has a menu (${chinese.length} screens)`);
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.getByRole('button', { name: '中文', exact: true }).waitFor();
      const english = await menu(page);
      t.same(
        english.map((l) => l.href),
        chinese.map((l) => l.href),
        'the same screens in either language',
      );
      for (const [i, { href, label }] of english.entries()) {
        // Programme names stay in Chinese inside English words (七有 standard): English, not untranslated.
        t.ok(/[A-Za-z]/.test(label) && label !== chinese[i]!.label, `menu entry ${href} is in English: ${label}`);
        await page.goto(`${base}/${href}`);
        await page.locator('main h1').first().waitFor();
        await page.locator('main .state.loading').first().waitFor({ state: 'detached', timeout: 60_000 });
        const title = (await page.locator('main h1').first().innerText()).trim();
        t.match(title, /[A-Za-z]/, `${href} titles itself in English: ${title}`);
        t.equal(await page.locator('main .state.error').count(), 0, `${href} loaded without an error`);
        t.same(await scanPage(page), [], `${href}: no raw ids, untranslated keys or unmasked ID numbers`);
        t.same(await axeViolations(page), [], `${href}: no serious or critical accessibility violations`);
      }
      // Back to Chinese for whoever signs in next on this browser profile.
      await page.getByRole('button', { name: '中文', exact: true }).click();
      await page.locator('nav.primary a', { hasText: CJK }).first().waitFor();
    });
  }
}
