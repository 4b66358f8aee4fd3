// Relocated villages (易地扶贫搬迁) and their reserved places (帮扶岗位): officers read the figures
// of their villages; administrators mark villages, set quotas and designate openings (ADR 0010).
import { useState } from 'preact/hooks';
import { api, request } from '../lib/api.js';
import {
  Async,
  BarList,
  ErrorBox,
  Field,
  fieldError,
  html,
  Notice,
  placeName,
  Stat,
  StatusBadge,
  t,
  useAsync,
  useSubmit,
  VillagePicker,
} from '../lib/ui.js';

const BASE = '/relocated-villages';
// Writes carry an Idempotency-Key, so a double tap is applied once.
const ONCE = { idempotent: true };

export function relocationRoute(path, session) {
  if (path === '/relocation') return { view: html`<${Relocation} session=${session} />` };
  return undefined;
}

const FIGURES = ['quota', 'offered', 'filled', 'vacant', 'openPlaces'];
const sum = (items) => Object.fromEntries(FIGURES.map((k) => [k, items.reduce((n, v) => n + v[k], 0)]));

/** Quota, offered, filled, vacant and open places, each in words. */
function Figures({ f }) {
  return html`<div class="stats">${FIGURES.map((k) => html`<${Stat} label=${t('reloc.' + k)} value=${f[k]} />`)}</div>`;
}

function Relocation({ session }) {
  const admin = session.role === 'admin';
  const state = useAsync(() => api.get(BASE, { limit: 200 }), []);
  // Only administrators designate, so only they need the open openings.
  const openings = useAsync(() => (admin ? api.get('/openings', { status: 'open', limit: 100 }) : null), [admin]);
  const replace = (v) =>
    state.setData({
      ...state.data,
      items: state.data.items.some((x) => x.villageCode === v.villageCode)
        ? state.data.items.map((x) => (x.villageCode === v.villageCode ? v : x))
        : [...state.data.items, v].sort((a, b) => a.villageCode.localeCompare(b.villageCode)),
    });
  return html`<h1>${t('reloc.title')}</h1>
    <p class="lead">${t(admin ? 'reloc.leadAdmin' : 'reloc.leadOfficer')}</p>
    <${Async} state=${state}>
      ${(d) =>
        html`<section aria-labelledby="reloc-totals">
            <h2 id="reloc-totals">${t('reloc.totals', { n: d.items.length })}</h2>
            <${Figures} f=${sum(d.items)} />
            ${
              d.items.length
                ? html`<${BarList}
                    label=${t('reloc.filledOfQuota')}
                    items=${d.items.map((v) => ({ label: v.villageName || placeName(v.villageCode), value: v.filled, text: `${v.filled} / ${v.quota}` }))}
                  />`
                : null
            }
          </section>
          ${admin ? html`<${MarkVillage} onSaved=${replace} />` : null}
          <section aria-labelledby="reloc-villages">
            <h2 id="reloc-villages">${t('reloc.villages')}</h2>
            ${d.items.length === 0 ? html`<p class="state empty">${t('reloc.none')}</p>` : null}
            <ul class="cards">
              ${d.items.map((v) => html`<${VillageCard} key=${v.villageCode} v=${v} admin=${admin} openings=${openings.data?.items ?? []} onSaved=${replace} />`)}
            </ul>
          </section>`}
    </${Async}>`;
}

/** Administrators: mark a village relocated with its quota and relocation site. */
function MarkVillage({ onSaved }) {
  const [village, setVillage] = useState('');
  const [quota, setQuota] = useState('');
  const [site, setSite] = useState('');
  const save = useSubmit(async () =>
    onSaved(
      await request(
        'PUT',
        `${BASE}/${village}`,
        { quota: Number(quota), ...(site.trim() ? { sites: [site.trim()] } : {}) },
        ONCE,
      ),
    ),
  );
  return html`<section aria-labelledby="reloc-mark">
    <h2 id="reloc-mark">${t('reloc.mark')}</h2>
    <form
      onSubmit=${(e) => {
        e.preventDefault();
        save.submit();
      }}
    >
      <${VillagePicker} label=${t('reloc.village')} value=${village} onChange=${setVillage} error=${fieldError(save.error, 'villageCode')} />
      <${Field} label=${t('reloc.quota')} error=${fieldError(save.error, 'quota')}>
        ${(p) => html`<input ...${p} name="quota" type="number" min="0" required value=${quota} onInput=${(e) => setQuota(e.currentTarget.value)} />`}
      </${Field}>
      <${Field} label=${t('reloc.site')} hint=${t('reloc.siteHint')}>
        ${(p) => html`<input ...${p} name="site" maxlength="100" value=${site} onInput=${(e) => setSite(e.currentTarget.value)} />`}
      </${Field}>
      <button type="submit" disabled=${save.busy || !village || quota === ''}>${t('reloc.markSubmit')}</button>
      <${ErrorBox} error=${save.error} />
      <${Notice}>${save.done ? t('reloc.saved') : null}</${Notice}>
    </form>
  </section>`;
}

function VillageCard({ v, admin, openings, onSaved }) {
  const [quota, setQuota] = useState(String(v.quota));
  const [openingId, setOpeningId] = useState('');
  const [places, setPlaces] = useState('1');
  const name = v.villageName || placeName(v.villageCode);
  const done = (next) => {
    onSaved(next);
    return next;
  };
  const setQuotaTo = useSubmit(async () =>
    done(await request('PUT', `${BASE}/${v.villageCode}`, { quota: Number(quota) }, ONCE)),
  );
  const designate = useSubmit(async () =>
    done(await api.post(`${BASE}/${v.villageCode}/openings`, { openingId, places: Number(places) })),
  );
  const release = useSubmit(async (id) =>
    done(await request('DELETE', `${BASE}/${v.villageCode}/openings/${id}`, undefined, ONCE)),
  );
  return html`<li class="card">
    <h3>${name} · ${v.townshipName || placeName(v.townshipCode)}</h3>
    ${v.sites.length ? html`<p class="meta"><span>${t('reloc.sites')}: ${v.sites.join('、')}</span></p>` : null}
    <${Figures} f=${v} />
    ${
      v.openings.length === 0
        ? html`<p class="state empty">${t('reloc.noOpenings')}</p>`
        : html`<ul class="reasons" aria-label=${t('reloc.openingsOf', { name })}>
            ${v.openings.map(
              (o) =>
                html`<li>
                  ${o.title || t('reloc.opening')} · ${o.employerName || ''}
                  ${o.openingStatus ? html`<${StatusBadge} status=${o.openingStatus} kind="op" />` : null}
                  <span> ${t('reloc.placesFilled', { filled: o.filled, places: o.places })}</span>
                  ${
                    admin
                      ? html` <button
                          type="button"
                          class="secondary"
                          disabled=${release.busy}
                          onClick=${() => release.submit(o.openingId)}
                          aria-label=${t('reloc.releaseLabel', { title: o.title || '', name })}
                        >
                          ${t('reloc.release')}
                        </button>`
                      : null
                  }
                </li>`,
            )}
          </ul>`
    }
    ${
      admin
        ? html`<form

              onSubmit=${(e) => {
                e.preventDefault();
                setQuotaTo.submit();
              }}
            >
              <${Field} label=${t('reloc.quotaOf', { name })} error=${fieldError(setQuotaTo.error, 'quota')}>
                ${(p) => html`<input ...${p} name="quota" type="number" min="0" required value=${quota} onInput=${(e) => setQuota(e.currentTarget.value)} />`}
              </${Field}>
              <button type="submit" disabled=${setQuotaTo.busy}>${t('reloc.setQuota')}</button>
            </form>
            <${ErrorBox} error=${setQuotaTo.error} />
            <form

              onSubmit=${(e) => {
                e.preventDefault();
                designate.submit();
              }}
            >
              <${Field} label=${t('reloc.designateOpening', { name })}>
                ${(p) =>
                  html`<select
                    ...${p}
                    name="opening"
                    value=${openingId}
                    onChange=${(e) => setOpeningId(e.currentTarget.value)}
                  >
                    <option value="">${t('reloc.chooseOpening')}</option>
                    ${openings.map((o) => html`<option value=${o.id}>${o.title} · ${o.employerName} (${t('reloc.positions', { n: o.headcount })})</option>`)}
                  </select>`}
              </${Field}>
              <${Field} label=${t('reloc.places')} error=${fieldError(designate.error, 'places')}>
                ${(p) => html`<input ...${p} name="places" type="number" min="1" required value=${places} onInput=${(e) => setPlaces(e.currentTarget.value)} />`}
              </${Field}>
              <button type="submit" disabled=${designate.busy || !openingId}>${t('reloc.designate')}</button>
            </form>
            <${ErrorBox} error=${designate.error ?? release.error} />`
        : null
    }
  </li>`;
}
