// Small charts that always show their numbers in text.
import { html } from 'htm/preact';

/** Horizontal bars, one per item, each with its value in text. */
export function BarList({ items, format = (v) => String(v), max, label }) {
  const top = max ?? Math.max(1, ...items.map((i) => i.value));
  return html`<ul class="bars" aria-label=${label}>
    ${items.map(
      (i) =>
        html`<li>
          <span class="bar-label">${i.label}</span>
          <span class="bar-track" aria-hidden="true"
            ><span class="bar-fill" style=${`width:${Math.max(0, Math.min(100, (i.value / top) * 100))}%`}></span
          ></span>
          <span class="bar-value">${i.text ?? format(i.value)}</span>
        </li>`,
    )}
  </ul>`;
}

/** Columns over time as inline SVG, with a text list of the same figures beside it. */
export function ColumnChart({ items, label, seriesLabels }) {
  const top = Math.max(1, ...items.map((i) => i.value));
  const w = 28;
  const h = 120;
  return html`<figure class="columns">
    <svg viewBox=${`0 -14 ${items.length * w + 4} ${h + 34}`} role="img" aria-label=${label}>
      ${items.map((i, k) => {
        const bh = (i.value / top) * h;
        const sh = ((i.second ?? 0) / top) * h;
        return html`<g>
          <rect x=${k * w + 4} y=${h - bh} width=${w - 8} height=${bh} class="col" />
          ${i.second ? html`<rect x=${k * w + 4} y=${h - sh} width=${w - 8} height=${sh} class="col second" />` : null}
          <text x=${k * w + w / 2} y=${h - bh - 3} text-anchor="middle" class="col-value">${i.value}</text>
          <text x=${k * w + w / 2} y=${h + 14} text-anchor="middle" class="col-label">${i.short}</text>
        </g>`;
      })}
    </svg>
    <figcaption>
      <ul class="legend">
        ${items.map((i) => html`<li>${i.label}: ${seriesLabels[0]} ${i.value}${i.second !== undefined ? `, ${seriesLabels[1]} ${i.second}` : ''}</li>`)}
      </ul>
    </figcaption>
  </figure>`;
}

/** A figure with its label, for dashboards. */
export function Stat({ label, value, note }) {
  return html`<div class="stat">
    <span class="stat-value">${value}</span
    ><span class="stat-label">${label}</span>${note ? html`<small>${note}</small>` : null}
  </div>`;
}
