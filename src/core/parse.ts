/**
 * Text → YAML document with source positions, plus every problem found on
 * the way. Guards run before yaml builds a document (size, encoding, control
 * characters, merge-conflict markers, nesting depth) because some inputs make
 * it misbehave, up to aborting Node; the document is then checked for what
 * plan files may not use (aliases, tags, several documents, non-string keys).
 */
import {
  type Alias,
  Composer,
  type CST,
  type Document,
  Parser,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { diagnostic, type Diagnostic, type SourcePos } from './diagnostics.js';
import { yamlErrorDiagnostic } from './parse-errors.js';
import { parseFast } from './parse-fast.js';
import { conflictMarkers, hasConflictMarkers, MAX_NESTING, scanStructure, treeDepth } from './parse-guards.js';
import { locateIn, type PathSegment, positionsOf } from './parse-locate.js';
import { clip } from './text.js';

// Decoding needs no parser; it lives apart so that code without yaml can use it.
export { decodeText, MAX_FILE_BYTES } from './decode.js';
export { MAX_NESTING, scanStructure, type StructureScan, treeDepth } from './parse-guards.js';
export type { PathSegment } from './parse-locate.js';

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

/**
 * Where a node's tag or anchor is written: the last such token at or before
 * the node's start (properties stand right before their node, possibly on
 * the line above).
 */
function propertyAt(starts: readonly number[], nodeStart: number, text: string, prefix: string): number | undefined {
  for (let k = starts.length - 1; k >= 0; k--) {
    const o = starts[k]!;
    if (o <= nodeStart && text.startsWith(prefix, o)) return o;
  }
  return undefined;
}

interface TreeVisitor {
  alias?(node: Alias): void;
  pair?(pair: Pair): void;
  node?(node: Scalar | YAMLMap | YAMLSeq): void;
}

/**
 * Every node under `node` in document order, as yaml's visit() walks them (a
 * collection before its items, a pair before its key and value), without
 * the path arrays visit() freezes at every step. The nesting checks have
 * bounded the depth before this runs.
 */
function walkTree(node: unknown, visitor: TreeVisitor): void {
  if (isAlias(node)) visitor.alias?.(node);
  else if (isPair(node)) {
    visitor.pair?.(node);
    walkTree(node.key, visitor);
    walkTree(node.value, visitor);
  } else if (isScalar(node)) visitor.node?.(node);
  else if (isCollection(node)) {
    visitor.node?.(node);
    for (const item of node.items) walkTree(item, visitor);
  }
}

/** Parses one plan file. Never throws. */
export function parseYamlFile(file: string, text: string): ParsedFile {
  const posOf = positionsOf(file, text);
  let doc: Document | undefined;
  const diags: Diagnostic[] = conflictMarkers(file, text);
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
  // Conflict markers make the rest of the file meaningless; they are the one thing to fix.
  if (diags.length > 0) return result();
  const tooDeep = (at: number) =>
    diagnostic(
      posOf(at),
      'yaml-nesting',
      `values are nested more than ${MAX_NESTING} levels deep`,
      'plan files need only a few levels; check for unclosed [ or { brackets and for lines indented further than they should be',
    );
  const scan = scanStructure(text);
  if (scan.tooDeepAt !== undefined) {
    diags.push(tooDeep(scan.tooDeepAt));
    return result();
  }
  // What parseAllDocuments does, on the lexer's tokens from the scan, with the syntax tree
  // checked before the composer walks it.
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of scan.lexemes) for (const token of parser.next(lexeme)) tokens.push(token);
  for (const token of parser.end()) tokens.push(token);
  const tree = treeDepth(tokens);
  if (tree.tooDeepAt !== undefined) {
    diags.push(tooDeep(tree.tooDeepAt));
    return result();
  }
  const docs = Array.from(new Composer({ prettyErrors: false, uniqueKeys: true }).compose(tokens));
  if (docs.length === 0) {
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
  const seen = new Set<string>();
  for (const e of [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')]) {
    const d = yamlErrorDiagnostic(e, text, scan, posOf);
    // Several parser errors can come down to one mistake at one place.
    const key = `${d.line}:${d.column}:${d.rule}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diags.push(d);
  }
  let unsafe = diags.length > 0;
  const anchors = new Set<string>();
  // Only anchor tokens make anchors: without any, there is nothing to collect.
  if (scan.anchorStarts.length > 0) {
    walkTree(doc.contents, {
      node(node) {
        if (node.anchor) anchors.add(node.anchor);
      },
    });
  }
  walkTree(doc.contents, {
    alias(node) {
      unsafe = true;
      // An alias to no anchor is most often text that starts with '*', like "*Updated* figures".
      const undefinedAnchor = !anchors.has(node.source);
      diags.push(
        diagnostic(
          posOf(node.range?.[0] ?? 0),
          'yaml-alias',
          `alias '*${clip(node.source)}' is not allowed in plan files${undefinedAnchor ? ` (and no anchor '&${clip(node.source)}' defines it)` : ''}`,
          undefinedAnchor
            ? 'if this is text that starts with *, put the whole text in double quotes'
            : 'write the value out in full; anchors (&) and aliases (*) are not supported',
        ),
      );
    },
    node(node) {
      if (node.tag) {
        // The parser sets a tag only where the source writes one.
        unsafe = true;
        const start = node.range?.[0] ?? 0;
        diags.push(
          diagnostic(
            posOf(propertyAt(scan.tagStarts, start, text, '!') ?? start),
            'yaml-tag',
            `YAML tag '${clip(node.tag.replace(/^tag:yaml\.org,2002:/, '!!'))}' is not allowed in plan files`,
            'remove the tag; to keep a value as text, put it in double quotes',
          ),
        );
      }
      if (node.anchor) {
        diags.push(
          diagnostic(
            posOf(propertyAt(scan.anchorStarts, node.range?.[0] ?? 0, text, `&${node.anchor}`) ?? node.range?.[0] ?? 0),
            'yaml-alias',
            `anchor '&${clip(node.anchor)}' is not allowed in plan files`,
            'remove the anchor and write each value out in full',
          ),
        );
      }
    },
    pair(pair) {
      const key = pair.key;
      if (isScalar(key) && key.value === '__proto__') {
        // JavaScript objects cannot hold this key: the value would silently vanish (or change the object).
        unsafe = true;
        diags.push(
          diagnostic(posOf(key.range?.[0] ?? 0), 'yaml-key-type', "key '__proto__' is not allowed in plan files", 'rename the key: it is no field name, and csp cannot keep its value'),
        );
        return;
      }
      if (isScalar(key) && typeof key.value === 'string') return;
      unsafe = true;
      const where = isScalar(key) || isCollection(key) ? (key.range?.[0] ?? 0) : 0;
      const shown = isScalar(key) ? clip(String(key.value)) : 'a list or mapping';
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


/**
 * A file read by the fast path (parse-fast.ts), as the full path would give
 * it, or undefined when the full path must read it. Its data is what
 * parseYamlFile gives, without diagnostics. Positions of the model (the
 * file's first field, an initiative's id, each note) come from the fast
 * path's own offsets; any other position (for a diagnostic) is asked of the
 * full parse, made when first needed.
 */
export function parseYamlFileFast(file: string, text: string): ParsedFile | undefined {
  if (hasConflictMarkers(text)) return undefined;
  const fast = parseFast(text);
  if (!fast) return undefined;
  let posOf: ((offset: number) => SourcePos) | undefined;
  let full: ParsedFile | undefined;
  return {
    file,
    text,
    value: fast.value,
    diagnostics: [],
    locate(path, part = 'value') {
      if (part === 'value' && isModelPath(path)) {
        const at = fast.offsetOf(path, part);
        if (at === undefined) return { file, line: 1, column: 1 };
        posOf ??= positionsOf(file, text);
        return posOf(at);
      }
      full ??= parseYamlFile(file, text);
      return full.locate(path, part);
    },
  };
}

/** The paths whose positions the model keeps: the file (a note file's note), an initiative's id, one of its notes. */
function isModelPath(path: readonly PathSegment[]): boolean {
  if (path.length === 0) return true;
  if (path.length === 1) return path[0] === 'id';
  return path.length === 2 && path[0] === 'notes' && typeof path[1] === 'number';
}
