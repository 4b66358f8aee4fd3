// Posting an opening (the editor is shared with the opening's edit tab).
import { html } from '../../lib/ui.js';
import { OpeningEditor } from '../../lib/widgets/openings.js';

export function NewOpening({ employerId }) {
  return html`<${OpeningEditor} employerId=${employerId} />`;
}
