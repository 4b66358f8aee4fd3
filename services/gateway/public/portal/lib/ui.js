// The portal's shared UI pieces, one module per kind under lib/ui/; this file only gathers them so
// that a view imports them from one place.
import { html } from 'htm/preact';
import { t } from './i18n.js';

export { html, t };
export * from './ui/badges.js';
export * from './ui/charts.js';
export * from './ui/format.js';
export * from './ui/forms.js';
export * from './ui/layout.js';
export * from './ui/pickers.js';
export * from './ui/reference.js';
export * from './ui/state.js';
