/* global print */
// Page furniture: the confirmation notice, tabs as links, printing and exporting.
import { html } from 'htm/preact';
import { download, saveFile } from '../api.js';
import { useSubmit } from './forms.js';
import { ErrorBox } from './state.js';
import { t } from '../i18n.js';
import { today } from './format.js';

/** A short-lived confirmation announced to screen readers. */
export function Notice({ children }) {
  return children ? html`<p class="notice" role="status"><span aria-hidden="true">✓ </span>${children}</p>` : null;
}

/** Tabs as links in a nav (each view has its own address, so back and forward work). */
export function SubNav({ items, current }) {
  return html`<nav class="subnav" aria-label=${t('nav.section')}>
    ${items.map(
      ([href, label]) => html`<a href=${href} aria-current=${current === href ? 'page' : undefined}>${label}</a>`,
    )}
  </nav>`;
}

/**
 * 打印: prints the screen as a county document (app.css @media print: no menus, tables whole, the
 * county's title and the date); folded sections are opened first so that they are printed too.
 */
export function PrintButton() {
  return html`<button
    type="button"
    class="secondary small print-button"
    onClick=${() => {
      for (const d of document.querySelectorAll('main details')) d.open = true;
      print();
    }}
  >
    <span aria-hidden="true">⎙ </span>${t('print.action')}
  </button>`;
}

/**
 * 导出 Excel: the screen's report as the xlsx county offices file (`path` under /api/v1, with `query`),
 * kept by the browser under the name the API gives it, else `fallback`.
 */
export function ExportButton({ path, query, fallback }) {
  const exp = useSubmit(async () => {
    const { blob, filename } = await download(path, query);
    saveFile(blob, filename || fallback);
    return true;
  });
  return html`<button
      type="button"
      class="secondary small print-button"
      disabled=${exp.busy}
      onClick=${() => exp.submit()}
    >
      <span aria-hidden="true">⤓ </span>${exp.busy ? t('export.busy') : t('export.action')}
    </button>
    <${ErrorBox} error=${exp.error} />`;
}

/** The printed page's heading: the county's programme and the day it was printed (paper only). */
export function PrintTitle() {
  return html`<p class="print-only print-title">${t('print.title')} · ${t('print.date', { date: today() })}</p>`;
}
