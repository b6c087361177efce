/**
 * Bytes → text, strictly: plan files are UTF-8. Kept apart from parse.ts so
 * that code which must not load the YAML parser (the cache) can decode too.
 */
import { diagnostic, type Diagnostic } from './diagnostics.js';

export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Decodes bytes strictly as UTF-8, reporting NUL bytes, UTF-16, invalid
 * sequences, control characters YAML does not allow in a file, and carriage
 * returns without a line feed. A byte-order mark and CRLF line ends are fine.
 * `size` is the file's size when the reader loaded only its first bytes.
 */
export function decodeText(file: string, bytes: Uint8Array, size = bytes.length): { text?: string; diagnostics: Diagnostic[] } {
  if (size > MAX_FILE_BYTES) {
    return {
      diagnostics: [
        diagnostic(
          { file, line: 1, column: 1 },
          'file-too-large',
          `file is ${size} bytes; plan files may be at most ${MAX_FILE_BYTES} bytes (1 MiB)`,
          'split the content or move long material to a linked document',
        ),
      ],
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      diagnostics: [
        diagnostic(
          { file, line: 1, column: 1 },
          'file-encoding',
          'file is encoded as UTF-16; plan files must be UTF-8',
          'save the file as UTF-8 in your editor ("Save with encoding" → UTF-8)',
        ),
      ],
    };
  }
  const nul = bytes.indexOf(0);
  const bad = nul >= 0 ? nul : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { line, column } = bytePosition(bytes, bad);
    const what = nul >= 0 ? 'a NUL byte' : 'bytes that are not valid UTF-8';
    return {
      diagnostics: [
        diagnostic(
          { file, line, column },
          'file-encoding',
          `file contains ${what} at byte offset ${bad}`,
          nul >= 0
            ? 'this looks like a binary file or UTF-16 text; plan files must be UTF-8 text'
            : 'save the file as UTF-8 in your editor; text pasted from another program may carry a legacy encoding',
        ),
      ],
    };
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  const bom = text.charCodeAt(0) === 0xfeff ? 3 : 0;
  if (bom) text = text.slice(1);
  const control = FORBIDDEN_CHAR.exec(text);
  if (control) {
    const at = control.index;
    const byteOffset = bom + new TextEncoder().encode(text.slice(0, at)).length;
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - (before.lastIndexOf('\n') + 1) + 1;
    const ch = control[0]!;
    const lone = ch === '\r';
    return {
      diagnostics: [
        diagnostic(
          { file, line, column },
          'file-encoding',
          lone
            ? `file contains a carriage return (CR) without a line feed at byte offset ${byteOffset}`
            : `file contains the control character ${codePoint(ch)} at byte offset ${byteOffset}`,
          lone
            ? 'save the file with LF (or CRLF) line endings; a lone CR is an old Mac line ending or was pasted from another program'
            : 'delete it: it is invisible in most editors and usually comes with text pasted from another program',
        ),
      ],
    };
  }
  return { text, diagnostics: [] };
}

/** Characters YAML does not allow in a stream (tab, LF, CR, NEL and printable text are allowed), and a CR that ends no line. */
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|\r(?!\n)/;

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function bytePosition(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Column in characters: count UTF-8 lead bytes.
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((b[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}
