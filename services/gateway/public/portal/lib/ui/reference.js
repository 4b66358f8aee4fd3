// The reference data (skill and place names, the county's calendar), loaded once per page.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { getLang, t } from '../i18n.js';

let refPromise = null;
let refData = null;
export function loadReference() {
  if (!refPromise) {
    refPromise = fetch('/portal/ref.json')
      .then((r) => (r.ok ? r.json() : Promise.reject(new ApiError(r.status, null))))
      .then((data) => {
        refData = data;
        const names = new Map();
        for (const town of data.townships) {
          names.set(town.code, town.name);
          for (const [code, name] of town.villages) names.set(code, name);
        }
        for (const [pc, pn, cities] of data.provinces) {
          names.set(pc, pn);
          for (const [cc, cn, counties] of cities) {
            names.set(cc, cn);
            for (const [kc, kn] of counties) names.set(kc, kn);
          }
        }
        data.names = names;
        return data;
      })
      .catch((e) => {
        refPromise = null;
        throw e;
      });
  }
  return refPromise;
}
/** The reference data once loaded (re-renders the caller when it arrives). */
export function useReference() {
  const [data, setData] = useState(refData);
  useEffect(() => {
    if (!refData) loadReference().then(setData, () => setData(null));
  }, []);
  return data;
}
export function skillName(code) {
  const s = refData?.skills[code];
  if (!s) return code;
  return getLang() === 'en' ? s[1] : s[0];
}
export function categoryName(code) {
  return t('cat.' + code, { fallback: t('cat.other') });
}
/** A place by code: village with its township, or county with its province. */
export function placeName(code, fallbackName) {
  if (!code) return '—';
  const names = refData?.names;
  if (!names) return fallbackName || '…';
  if (code.length === 12) return `${names.get(code.slice(0, 9)) ?? ''}${names.get(code) ?? fallbackName ?? ''}`;
  if (code.length === 9) return names.get(code) ?? fallbackName ?? '—';
  const parts = [code.slice(0, 2), code.slice(0, 4), code.slice(0, 6)].filter((c) => c.length <= code.length);
  const found = parts.map((c) => names.get(c)).filter(Boolean);
  return found.length ? found.slice(-2).join(' ') : (fallbackName ?? '—');
}
/** Tier the API will derive, shown before saving (the API's own value wins after). */
export function previewTier(code) {
  if (!refData || !code || code.length < 6) return undefined;
  if (code.slice(0, 6) === refData.homeCounty) return 'in_county';
  if (code.slice(0, 2) === refData.homeCounty.slice(0, 2)) return 'in_province';
  return 'out_of_province';
}
/** The reference data once loaded, or null (for formatting that needs the county's calendar). */
export function referenceData() {
  return refData;
}
