// The list-with-a-form shape several screens share (recruitment intents, party applications, a
// batch's roster, accounts): a form that records one more, and the records as cards, each card
// changed in place by what the API answers.
import { Async, ErrorBox, html, Notice, t } from '../ui.js';

/**
 * A form that sends once per submission (`save` is a useSubmit): its heading, its fields
 * (`children`), the problem if any, the note once done, and the submit button (busy while sending).
 */
export function RecordForm({ label, heading, save, done, submit, disabled, small, fieldLabels, children }) {
  return html`<form
    class="form"
    aria-label=${label}
    onSubmit=${(e) => {
      e.preventDefault();
      save.submit();
    }}
  >
    ${heading ? html`<h2>${heading}</h2>` : null} ${children}
    <${ErrorBox} error=${save.error} fieldLabels=${fieldLabels} />
    <${Notice}>${save.done && done ? done : null}</${Notice}>
    <button type="submit" class=${small ? 'secondary small' : undefined} disabled=${save.busy || disabled}>
      ${save.busy ? t('state.working') : submit}
    </button>
  </form>`;
}

/**
 * The records of a list answer (`state` is a useAsync of `{ items }`) as cards: `card(item, replace)`
 * renders one, and `replace(next)` puts what the API answered for it in its place.
 */
export function RecordCards({ state, label, empty, card }) {
  return html`<${Async} state=${state} isEmpty=${(d) => d.items.length === 0} empty=${empty}>
    ${(d) =>
      html`<ul class="cards" aria-label=${label}>
        ${d.items.map((item) =>
          card(item, (next) => state.setData({ ...d, items: d.items.map((x) => (x.id === next.id ? next : x)) })),
        )}
      </ul>`}
  </${Async}>`;
}
