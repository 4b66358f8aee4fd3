// Registering a worker by hand (the editor is shared with the worker's edit tab).
import { html } from '../../lib/ui.js';
import { WorkerEditor } from '../../lib/widgets/worker-editor.js';

export function NewWorker({ session }) {
  return html`<${WorkerEditor} session=${session} />`;
}
