/**
 * Text → YAML document with source positions, plus every problem found on
 * the way. Guards run before the YAML parser sees the text (size, encoding,
 * nesting depth, merge-conflict markers) because some inputs make the parser
 * itself misbehave; the parsed tree is then checked for what plan files may
 * not use (aliases, tags, several documents, non-string keys).
 */
import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
} from 'yaml';
import { diagnostic, type Diagnostic, type RuleCode, type SourcePos } from './diagnostics.js';

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_NESTING = 64;

export type PathSegment = string | number;

export interface ParsedFile {
  file: string;
  /** The decoded text, without a byte-order mark. */
  text: string;
  /** The plain data, present only when the file parsed cleanly enough to check its schema. */
  value?: unknown;
  diagnostics: Diagnostic[];
  /** Where a value (or, with `key`, its key) starts; falls back to the nearest existing parent. */
  locate(path: readonly PathSegment[], part?: 'key' | 'value'): SourcePos;
}

/** Decodes bytes strictly as UTF-8, reporting NUL bytes, UTF-16 and invalid sequences. */
export function decodeText(file: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      diagnostics: [
        diagnostic(
          { file, line: 1, column: 1 },
          'file-too-large',
          `file is ${bytes.length} bytes; plan files may be at most ${MAX_FILE_BYTES} bytes (1 MiB)`,
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
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, diagnostics: [] };
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

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/;

/** Checks that need no parser: conflict markers and nesting depth. */
function preflight(file: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = text.split('\n');
  let flowDepth = 0;
  const indents: number[] = [];
  let reportedDepth = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (CONFLICT_MARKER.test(line)) {
      out.push(
        diagnostic(
          { file, line: i + 1, column: 1 },
          'merge-conflict',
          `unresolved merge-conflict marker '${line.slice(0, 7)}'`,
          'finish the git merge: keep the right version of the lines between the markers and delete the marker lines',
        ),
      );
      continue;
    }
    if (reportedDepth) continue;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = line.length - trimmed.length;
    if (flowDepth === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // "- - - x" nests on one line.
      const dashes = /^(?:-\s+)+/.exec(trimmed);
      if (dashes) indents.push(...Array<number>(dashes[0].split('-').length - 2).fill(indent));
    }
    let quote: string | null = null;
    for (let k = 0; k < trimmed.length; k++) {
      const ch = trimmed[k]!;
      if (quote) {
        if (ch === quote) quote = null;
        else if (ch === '\\' && quote === '"') k++;
        continue;
      }
      if (ch === '#' && (k === 0 || /\s/.test(trimmed[k - 1]!))) break;
      if ((ch === '"' || ch === "'") && (k === 0 || /[\s[{,:]/.test(trimmed[k - 1]!))) quote = ch;
      else if (ch === '[' || ch === '{') flowDepth++;
      else if ((ch === ']' || ch === '}') && flowDepth > 0) flowDepth--;
      if (flowDepth + indents.length > MAX_NESTING) {
        out.push(
          diagnostic(
            { file, line: i + 1, column: indent + k + 1 },
            'yaml-nesting',
            `values are nested more than ${MAX_NESTING} levels deep`,
            'plan files need only a few levels; check for unclosed [ or { brackets',
          ),
        );
        reportedDepth = true;
        break;
      }
    }
    if (!reportedDepth && flowDepth + indents.length > MAX_NESTING) {
      out.push(
        diagnostic(
          { file, line: i + 1, column: indent + 1 },
          'yaml-nesting',
          `values are nested more than ${MAX_NESTING} levels deep`,
          'plan files need only a few levels of indentation',
        ),
      );
      reportedDepth = true;
    }
  }
  return out;
}

const YAML_ERROR_RULES: Record<string, RuleCode> = {
  DUPLICATE_KEY: 'yaml-duplicate-key',
  TAG_RESOLVE_FAILED: 'yaml-tag',
  BAD_ALIAS: 'yaml-alias',
};

const YAML_HINTS: Partial<Record<RuleCode, string>> = {
  'yaml-syntax':
    'check indentation (spaces, not tabs), closing quotes and brackets, and put text containing ": " or " #" in double quotes',
  'yaml-duplicate-key': 'keep one of the two entries and delete the other',
};

function yamlMessage(raw: string): string {
  const first = raw.split('\n')[0] ?? raw;
  return first.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}

/** Parses one plan file. Never throws. */
export function parseYamlFile(file: string, text: string): ParsedFile {
  const lc = new LineCounter();
  const posOf = (offset: number): SourcePos => {
    const { line, col } = lc.linePos(Math.max(0, Math.min(offset, text.length)));
    return { file, line, column: col };
  };
  let doc: Document | undefined;
  const diags: Diagnostic[] = preflight(file, text);
  const result = (value?: unknown): ParsedFile => {
    const parsed: ParsedFile = {
      file,
      text,
      diagnostics: diags,
      locate: (path, part = 'value') => locateIn(doc, path, part, posOf, file),
    };
    if (value !== undefined) parsed.value = value;
    return parsed;
  };
  if (diags.length > 0) return result();

  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs) || docs.length === 0) {
    diags.push(
      diagnostic({ file, line: 1, column: 1 }, 'empty-file', 'file is empty', 'fill it in, or delete the file'),
    );
    return result();
  }
  doc = docs[0]!;
  if (docs.length > 1) {
    diags.push(
      diagnostic(
        posOf(docs[1]!.range[0]),
        'yaml-multi-document',
        `file holds ${docs.length} YAML documents; a plan file holds exactly one`,
        "remove the '---' separator and merge the content, or move the second part into its own file",
      ),
    );
  }
  // Unresolved-tag warnings are left to the tag check below, which reports every tag once.
  for (const e of [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')]) {
    const rule = YAML_ERROR_RULES[e.code] ?? 'yaml-syntax';
    const hint = rule === 'yaml-tag' ? 'remove the tag; put text in quotes if it must stay text' : YAML_HINTS[rule];
    diags.push(diagnostic(posOf(e.pos[0]), rule, yamlMessage(e.message), hint));
  }
  let unsafe = diags.length > 0;
  visit(doc, {
    Alias(_, node) {
      unsafe = true;
      diags.push(
        diagnostic(
          posOf(node.range?.[0] ?? 0),
          'yaml-alias',
          `alias '*${node.source}' is not allowed in plan files`,
          'write the value out in full; anchors (&) and aliases (*) are not supported',
        ),
      );
    },
    Node(_, node) {
      if (isAlias(node)) return;
      if (node.tag) {
        // The parser sets a tag only where the source writes one.
        unsafe = true;
        const start = node.range?.[0] ?? 0;
        const bang = text.lastIndexOf('!', start);
        const tagStart = bang >= 0 && !text.slice(bang, start).includes('\n') ? bang : start;
        diags.push(
          diagnostic(
            posOf(tagStart),
            'yaml-tag',
            `YAML tag '${node.tag.replace(/^tag:yaml\.org,2002:/, '!!')}' is not allowed in plan files`,
            'remove the tag; to keep a value as text, put it in double quotes',
          ),
        );
      }
      if (node.anchor) {
        diags.push(
          diagnostic(
            posOf(node.range?.[0] ?? 0),
            'yaml-alias',
            `anchor '&${node.anchor}' is not allowed in plan files`,
            'remove the anchor and write each value out in full',
          ),
        );
      }
    },
    Pair(_, pair) {
      const key = pair.key;
      if (isScalar(key) && typeof key.value === 'string') return;
      unsafe = true;
      const where = isScalar(key) || isCollection(key) ? (key.range?.[0] ?? 0) : 0;
      const shown = isScalar(key) ? String(key.value) : 'a list or mapping';
      diags.push(
        diagnostic(
          posOf(where),
          'yaml-key-type',
          `key ${shown} is not text; every key in a plan file is a field name`,
          'use one of the documented field names (see csp help format)',
        ),
      );
    },
  });
  if (unsafe || docs.length > 1) return result();

  const contents = doc.contents;
  if (!isMap(contents)) {
    if (contents === null || (isScalar(contents) && contents.value === null)) {
      diags.push(
        diagnostic({ file, line: 1, column: 1 }, 'empty-file', 'file holds no fields', 'fill it in, or delete the file'),
      );
    } else {
      const what = isSeq(contents) ? 'a list' : 'a single value';
      diags.push(
        diagnostic(
          posOf(contents.range?.[0] ?? 0),
          'not-a-mapping',
          `the file holds ${what}; a plan file is a set of 'field: value' lines`,
          'start each top-level line with a field name, e.g. "id: p1.1"',
        ),
      );
    }
    return result();
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (err) {
    diags.push(diagnostic({ file, line: 1, column: 1 }, 'yaml-syntax', `cannot read the YAML: ${String(err)}`));
    return result();
  }
  return result(value);
}

function locateIn(
  doc: Document | undefined,
  path: readonly PathSegment[],
  part: 'key' | 'value',
  posOf: (offset: number) => SourcePos,
  file: string,
): SourcePos {
  if (!doc) return { file, line: 1, column: 1 };
  let node: unknown = doc.contents;
  let best: number | undefined = firstContentOffset(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
      if (!pair) break;
      const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (keyStart !== undefined) best = keyStart;
      node = pair.value;
      if (last && part === 'key') return posOf(best ?? 0);
      const vs = valueStart(node);
      if (last && vs !== undefined) best = vs;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
      const vs = valueStart(node);
      if (vs !== undefined) best = vs;
    } else break;
  }
  return best === undefined ? { file, line: 1, column: 1 } : posOf(best);
}

function valueStart(node: unknown): number | undefined {
  if (isScalar(node) || isCollection(node)) {
    const r = node.range;
    // A missing value ("title:") has an empty range; the key is the better place.
    if (r && !(isScalar(node) && node.value === null && r[0] === r[1])) return r[0];
  }
  return undefined;
}

function firstContentOffset(node: unknown): number | undefined {
  if (isMap(node)) {
    const first = node.items[0];
    if (first && isScalar(first.key)) return first.key.range?.[0];
  }
  return undefined;
}
