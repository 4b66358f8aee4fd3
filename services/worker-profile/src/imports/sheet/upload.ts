import { badUpload } from '../../errors.ts';

/** Content types accepted as a raw spreadsheet body. */
export const SPREADSHEET_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

/**
 * The uploaded file: the body itself, or the `file` part (else the first part with a file name)
 * of a multipart/form-data body.
 */
export function uploadedFile(contentType: string | undefined, body: Buffer): { data: Buffer; fileName?: string } {
  const type = (contentType ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data')) return { data: body };
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) throw badUpload('multipart body without a boundary');
  const delimiter = Buffer.from(`--${b}`);
  const parts: { name?: string; fileName?: string; data: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing delimiter
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) break;
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) break;
    const head = body.subarray(start, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    const fileName = fileNameOf(head);
    // The part's data ends before the CRLF that precedes the next delimiter.
    parts.push({
      ...(name ? { name } : {}),
      ...(fileName ? { fileName } : {}),
      data: body.subarray(headerEnd + 4, next - 2),
    });
    at = next;
  }
  const part = parts.find((p) => p.name === 'file') ?? parts.find((p) => p.fileName !== undefined);
  if (!part) throw badUpload('the form has no file part (send the spreadsheet as the field "file")');
  return { data: part.data, ...(part.fileName ? { fileName: part.fileName } : {}) };
}

/**
 * The file name of a part: `filename*=UTF-8''…` (RFC 5987, percent-encoded) when present and
 * decodable, else `filename="…"` as sent (browsers send it as raw UTF-8, so a `%` in it is just a
 * percent sign). A name that cannot be read is left out: it never refuses the upload.
 */
export function fileNameOf(head: string): string | undefined {
  const extended = /filename\*\s*=\s*[^']*'[^']*'([^;\r\n]*)/i.exec(head)?.[1]?.trim().replace(/^"|"$/g, '');
  let decoded: string | undefined;
  if (extended) {
    try {
      decoded = decodeURIComponent(extended);
    } catch {
      // Not valid percent-encoding: the plain parameter, else the text as sent.
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"([^"\r\n]*)"|([^;\r\n]*))/i.exec(head);
  const name = decoded ?? (plain?.[1] ?? plain?.[2])?.trim() ?? extended;
  // Control characters (NUL above all) never reach the job table; 255 characters is any file system's limit.
  const clean = [...(name ?? '')]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);
  return clean || undefined;
}
