/* global setTimeout */
// The four ledgers: import (with progress and a row-by-row report) and export.
import { useState } from 'preact/hooks';
import { ErrorBox, Field, html, Notice, t, useSubmit, VillagePicker } from '../../lib/ui.js';
import { api, download, saveFile, upload } from '../../lib/api.js';

const LEDGERS = ['registry', 'party', 'services', 'activities', 'incomes', 'union'];

export function Ledgers({ session }) {
  const [file, setFile] = useState(null);
  const [progress, setProgress] = useState(null);
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const [ledger, setLedger] = useState('registry');
  const [village, setVillage] = useState('');
  const exp = useSubmit(async () => {
    const { blob, filename } = await download(`/ledgers/${ledger}/export`, {
      village: village || undefined,
      township: !village && session.regions?.[0]?.length === 9 ? session.regions[0] : undefined,
    });
    saveFile(blob, filename || `${ledger}-${village || 'all'}.xlsx`);
    return true;
  });
  // The upload with its refused cells marked, to correct and upload again (kept for a while by the API).
  const marked = useSubmit(async (jobId) => {
    const { blob, filename } = await download(`/workers/import/${jobId}/errors.xlsx`);
    saveFile(blob, filename || 'import-errors.xlsx');
    return true;
  });
  const [importLedger, setImportLedger] = useState('registry');
  const [mode, setMode] = useState('all');
  const [phase, setPhase] = useState(null);
  const runImport = async () => {
    if (!file) return;
    setReport(null);
    setError(null);
    setProgress(0);
    setPhase('uploading');
    try {
      const r = await upload('/workers/import', file, setProgress, { ledger: importLedger, mode });
      let job = r.body;
      if (r.status === 202) {
        // Poll the job: processed of total rows, until it is done.
        setPhase('checking');
        setProgress(0);
        while (job.status === 'running') {
          await new Promise((ok) => setTimeout(ok, 400));
          job = await api.get('/workers/import/' + job.id);
          setProgress(job.total ? job.processed / job.total : 0);
        }
        if (job.problem) {
          if (job.report) setReport(job.report);
          throw Object.assign(new Error(job.problem.detail || ''), {
            status: job.problem.status,
            code: job.problem.code,
            detail: job.problem.detail,
            errors: [],
          });
        }
        job = job.report;
      }
      setProgress(1);
      setPhase('done');
      setReport(job);
    } catch (e) {
      setPhase(null);
      setProgress(null);
      if (e.body?.report) {
        setReport(e.body.report);
        e.errors = [];
      }
      setError(e);
    }
  };
  const rowErrors = report ? reportRows(report) : [];
  return html`<h1>${t('ledgers.title')}</h1>
    <section aria-labelledby="import">
      <h2 id="import">${t('import.title')}</h2>
      <p class="hint">${t('import.lead')}</p>
      <form class="form" onSubmit=${(e) => {
        e.preventDefault();
        runImport();
      }}>
        <div class="row">
          <${Field} label=${t('export.ledger')}>
            ${(p) =>
              html`<select ...${p} value=${importLedger} onChange=${(e) => setImportLedger(e.currentTarget.value)}>
                ${LEDGERS.map((l) => html`<option value=${l}>${t('ledger.' + l)}</option>`)}
              </select>`}
          </${Field}>
          <${Field} label=${t('import.mode')}>
            ${(p) =>
              html`<select ...${p} value=${mode} onChange=${(e) => setMode(e.currentTarget.value)}>
                <option value="all">${t('import.modeAll')}</option>
                <option value="valid-only">${t('import.modeValid')}</option>
              </select>`}
          </${Field}>
        </div>
        <${Field} label=${t('import.file')}>
          ${(p) => html`<input ...${p} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange=${(e) => setFile(e.currentTarget.files?.[0] || null)} />`}
        </${Field}>
        <button type="submit" disabled=${!file || phase === 'uploading' || phase === 'checking'}>${t('import.run')}</button>
      </form>
      ${
        progress !== null
          ? html`<div class="progress-wrap">
              <label
                >${t('import.phase.' + (phase || 'done'))}
                <progress max="100" value=${Math.round(progress * 100)}>${Math.round(progress * 100)}%</progress></label
              >
              <span>${Math.round(progress * 100)}%</span>
            </div>`
          : null
      }
      <${ErrorBox} error=${error} onRetry=${runImport} />
      ${
        report
          ? html`<div class="card" role="status">
              <h3>${t('import.report')}</h3>
              <p class="meta">
                ${report.written === false ? html`<span class="badge bad">✕ ${t('import.notWritten')}</span>` : html`<span class="badge good">✓ ${t('import.written')}</span>`}
                ${['total', 'created', 'updated', 'unchanged', 'invalid'].filter((k) => typeof report[k] === 'number').map((k) => html`<span>${t('import.' + k)}: ${report[k]}</span>`)}
              </p>
              ${report.errorsTruncated ? html`<p class="hint">${t('import.truncated')}</p>` : null}
              ${
                report.errorWorkbook && report.jobId
                  ? html`<p>
                      <button type="button" class="secondary" disabled=${marked.busy} onClick=${() => marked.submit(report.jobId)}>
                        ${marked.busy ? t('state.working') : t('import.errorWorkbook')}
                      </button>
                      <small class="hint"> ${t('import.errorWorkbookHint')}</small>
                    </p>
                    <${ErrorBox} error=${marked.error} />
                    <${Notice}>${marked.done ? t('export.done') : null}</${Notice}>`
                  : null
              }
              ${
                rowErrors.length
                  ? html`<p>${t('import.rowsFailed')}</p>
                      <table class="table">
                        <thead>
                          <tr>
                            <th scope="col">${t('import.row')}</th>
                            <th scope="col">${t('import.column')}</th>
                            <th scope="col">${t('import.problem')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          ${rowErrors.map(
                            (e) =>
                              html`<tr>
                                <td>${e.row ?? '—'}</td>
                                <td>${e.column ?? '—'}</td>
                                <td>${e.message}</td>
                              </tr>`,
                          )}
                        </tbody>
                      </table>`
                  : html`<p>✓ ${t('import.ok')}</p>`
              }
            </div>`
          : null
      }
    </section>
    <section aria-labelledby="export">
      <h2 id="export">${t('export.title')}</h2>
      <form class="form" onSubmit=${(e) => {
        e.preventDefault();
        exp.submit();
      }}>
        <${Field} label=${t('export.ledger')}>
          ${(p) =>
            html`<select ...${p} value=${ledger} onChange=${(e) => setLedger(e.currentTarget.value)}>
              ${LEDGERS.map((l) => html`<option value=${l}>${t('ledger.' + l)}</option>`)}
            </select>`}
        </${Field}>
        <${VillagePicker} label=${t('export.place')} value=${village} scope=${session.regions} onChange=${setVillage} />
        <${ErrorBox} error=${exp.error} />
        <${Notice}>${exp.done ? t('export.done') : null}</${Notice}>
        <button type="submit" disabled=${exp.busy}>${exp.busy ? t('state.working') : t('export.run')}</button>
      </form>
    </section>`;
}

/** Hands a downloaded file to the browser to save. */
/** Row-by-row problems of an import report: sheet row, column header, message. */
function reportRows(report) {
  return (report.errors || []).filter((e) => typeof e.row === 'number');
}
