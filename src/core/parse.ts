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
  CST,
  type Document,
  Lexer,
  Parser,
  type YAMLError,
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
import { diagnostic, type Diagnostic, type RuleCode, type SourcePos } from './diagnostics.js';
import { clip } from './text.js';

// Decoding needs no parser; it lives apart so that code without yaml can use it.
export { decodeText, MAX_FILE_BYTES } from './decode.js';

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

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/;

function conflictMarkers(file: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!CONFLICT_MARKER.test(line)) continue;
    out.push(
      diagnostic(
        { file, line: i + 1, column: 1 },
        'merge-conflict',
        `unresolved merge-conflict marker '${line.slice(0, 7)}'`,
        "finish the git merge: between '<<<<<<<' and '=======' is one branch's version, between '=======' and '>>>>>>>' the other's; keep what both meant (when both added lines, such as notes, keep both), then delete the three marker lines",
      ),
    );
  }
  return out;
}

export interface StructureScan {
  /** The deepest nesting seen, counting no further than one past the limit. */
  depth: number;
  /** Where the nesting first went past the limit (an offset in the text). */
  tooDeepAt?: number;
  /** Offsets of every quoted scalar's opening quote. */
  quoteStarts: number[];
  /** Offsets of every '[' or '{' that opens a flow collection from block context. */
  flowOpens: number[];
  /** Offsets of every tag ('!…') and anchor ('&…'). */
  tagStarts: number[];
  anchorStarts: number[];
  /** The lexer's tokens, for the parser (complete unless the nesting went too deep). */
  lexemes: string[];
}

/**
 * How deep the YAML nests, measured before the parser builds anything.
 *
 * yaml's composer recurses once per level, and a few thousand levels (3 KB of
 * '[') overflow the stack inside V8's regexp compiler: the first such file
 * gives a clean error, a second one in the same process aborts Node (exit
 * 134, uncatchable). So the composer never sees a file that nests deeper than
 * MAX_NESTING. Two checks make sure, both without recursion:
 *
 * 1. This one, on the tokens of yaml's Lexer: a flat state machine (linear,
 *    no recursion: 1 MiB of '[' lexes in well under a second) that knows
 *    exactly what is a quoted scalar, a comment, a block scalar or plain
 *    text, so brackets, dashes and colons inside text never count. Depth is
 *    the open flow collections plus the open block collections, the latter
 *    tracked by the column each starts at, as the parser does: '- ' opens a
 *    sequence at its column, a key a mapping at the column the key starts,
 *    '? ' an explicit-key mapping. For well-formed YAML this is the depth
 *    the parser builds; it stops at the first level too many, so a hostile
 *    file costs little, and it says where the nesting went too deep.
 * 2. treeDepth, on the concrete syntax tree of yaml's Parser (also a flat
 *    state machine), which is exactly what the composer walks: it catches
 *    whatever nesting the parser makes out of malformed YAML that the first
 *    check does not model.
 *
 * The lexer pass also records where quotes, flow collections, tags and
 * anchors start, so that diagnostics can point at them, and keeps the
 * tokens for the parser, so the text is lexed once.
 */
export function scanStructure(text: string, limit = MAX_NESTING): StructureScan {
  const quoteStarts: number[] = [];
  const flowOpens: number[] = [];
  const tagStarts: number[] = [];
  const anchorStarts: number[] = [];
  const lexemes: string[] = [];
  const stack: { col: number; kind: 'seq' | 'map' }[] = [];
  // Open flow collections. Inside one, the parser nests a block collection where an entry is
  // malformed ("[a: b: c]", "[- a]"): a second ':' or any '-' before the next ',' counts as a level.
  const flows: { colons: number; dashes: number }[] = [];
  let flowExtra = 0;
  let depth = 0;
  let offset = 0;
  let lineStart = 0;
  let scalarNext = false;
  // Column of the first node token of the current block segment (after the last indicator), -1 when none yet.
  let segment = -1;
  // The deepest flow nesting within the current segment: a flow collection used as a key ends up inside its mapping.
  let segmentFlowPeak = 0;
  let keyDepth = 0;
  let openedAt = 0;
  const openBlock = (col: number, kind: 'seq' | 'map') => {
    openedAt = lineStart + col;
    while (stack.length > 0 && stack[stack.length - 1]!.col > col) stack.pop();
    let top = stack[stack.length - 1];
    // "key:" then "- item" lines at the key's own column: the sequence ends where the next key starts.
    if (top && top.col === col && top.kind === 'seq' && kind === 'map') {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (!top || top.col !== col || top.kind !== kind) stack.push({ col, kind });
  };
  const flowExtraOf = (f: { colons: number; dashes: number }) => Math.max(0, f.colons - 1) + f.dashes;
  const closeFlows = () => {
    flows.length = 0;
    flowExtra = 0;
  };
  const advance = (tok: string) => {
    const nl = tok.lastIndexOf('\n');
    if (nl >= 0) {
      lineStart = offset + nl + 1;
      // A line break ends the segment; a scalar that goes on over lines stays the node it started as.
      if (nl === tok.length - 1) segment = -1;
    }
    offset += tok.length;
  };
  for (const tok of new Lexer().lex(text)) {
    lexemes.push(tok);
    const col = offset - lineStart;
    const inFlow = flows.length > 0;
    if (scalarNext) {
      // Plain or block scalar text: never structure, whatever it holds.
      scalarNext = false;
      if (!inFlow && segment < 0) segment = col;
      advance(tok);
      continue;
    }
    // Control tokens of the lexer, not source text (decodeText refuses these characters in files).
    if (tok === CST.SCALAR) {
      scalarNext = true;
      continue;
    }
    if (tok === CST.DOCUMENT) continue;
    if (tok === CST.FLOW_END) {
      closeFlows();
      continue;
    }
    const current = flows[flows.length - 1];
    switch (CST.tokenType(tok)) {
      case 'doc-start':
      case 'doc-end':
        stack.length = 0;
        closeFlows();
        segment = -1;
        break;
      case 'seq-item-ind':
        if (current) {
          openedAt = offset;
          current.dashes++;
          flowExtra++;
        } else {
          openBlock(col, 'seq');
          segment = -1;
        }
        break;
      case 'explicit-key-ind':
        if (!inFlow) {
          openBlock(col, 'map');
          segment = -1;
        }
        break;
      case 'map-value-ind':
        if (current) {
          openedAt = offset;
          current.colons++;
          if (current.colons > 1) flowExtra++;
        } else {
          openBlock(segment >= 0 ? segment : col, 'map');
          keyDepth = stack.length + segmentFlowPeak;
          segment = -1;
        }
        break;
      case 'comma':
        if (current) {
          flowExtra -= flowExtraOf(current);
          current.colons = 0;
          current.dashes = 0;
        }
        break;
      case 'flow-seq-start':
      case 'flow-map-start':
        openedAt = offset;
        if (!inFlow) {
          flowOpens.push(offset);
          if (segment < 0) segment = col;
        }
        flows.push({ colons: 0, dashes: 0 });
        break;
      case 'flow-seq-end':
      case 'flow-map-end':
        if (current) {
          flowExtra -= flowExtraOf(current);
          flows.pop();
        }
        break;
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        quoteStarts.push(offset);
        if (!inFlow && segment < 0) segment = col;
        break;
      case 'anchor':
      case 'tag':
        (tok[0] === '&' ? anchorStarts : tagStarts).push(offset);
        if (!inFlow && segment < 0) segment = col;
        break;
      case 'alias':
      case 'block-scalar-header':
        if (!inFlow && segment < 0) segment = col;
        break;
      default:
        // spaces, newlines, comments, directives
        break;
    }
    if (flows.length > 0) segmentFlowPeak = Math.max(segmentFlowPeak, flows.length + flowExtra);
    else if (segment < 0) segmentFlowPeak = 0;
    const now = Math.max(stack.length + flows.length + flowExtra, keyDepth);
    keyDepth = 0;
    if (now > depth) {
      depth = now;
      if (depth > limit) return { depth, tooDeepAt: openedAt, quoteStarts, flowOpens, tagStarts, anchorStarts, lexemes };
    }
    advance(tok);
  }
  return { depth, quoteStarts, flowOpens, tagStarts, anchorStarts, lexemes };
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

/**
 * One parser error as a diagnostic. Where the parser notices a problem late
 * (an unclosed quote or bracket is noticed where the file or the block ends),
 * the diagnostic points at the opening quote or bracket instead, which is
 * what needs fixing.
 */
function yamlErrorDiagnostic(
  e: YAMLError,
  text: string,
  scan: StructureScan,
  posOf: (offset: number) => SourcePos,
): Diagnostic {
  const at = e.pos[0];
  const message = yamlMessage(e.message);
  if (e.code === 'MISSING_CHAR' && /quote/.test(message)) {
    const open = lastAtOrBefore(scan.quoteStarts, at);
    if (open !== undefined) {
      const q = text[open]!;
      return diagnostic(
        posOf(open),
        'yaml-syntax',
        `the quoted text that starts here has no closing ${q}`,
        q === '"'
          ? 'add the closing " at the end of the text; write a " inside the text as \\"'
          : "add the closing ' at the end of the text; write a ' inside the text as ''",
      );
    }
  }
  if (e.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(message)) {
    const open = lastAtOrBefore(scan.flowOpens, at);
    if (open !== undefined) {
      const bracket = text[open]!;
      const close = bracket === '[' ? ']' : '}';
      return diagnostic(
        posOf(open),
        'yaml-syntax',
        `the ${bracket === '[' ? 'list' : 'mapping'} opened with '${bracket}' here is not closed with '${close}'`,
        `add the closing '${close}'; if the ${bracket === '[' ? 'list' : 'mapping'} goes on over several lines, indent those lines further than the field name`,
      );
    }
  }
  const rule = YAML_ERROR_RULES[e.code] ?? 'yaml-syntax';
  let hint = rule === 'yaml-tag' ? 'remove the tag; put text in quotes if it must stay text' : YAML_HINTS[rule];
  const lineText = lineAt(text, at);
  if (/\u00a0/.test(lineText)) {
    hint = `this line holds a non-breaking space (often pasted from a word processor); replace it with an ordinary space. ${hint ?? ''}`.trim();
  }
  return diagnostic(posOf(at), rule, message, hint);
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Offset → 1-based line and column (in UTF-16 units, as the parser counts). */
function positionsOf(file: string, text: string): (offset: number) => SourcePos {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: at - starts[lo]! + 1 };
  };
}

/** The last offset in a sorted list that is at most `at`. */
function lastAtOrBefore(offsets: readonly number[], at: number): number | undefined {
  let found: number | undefined;
  for (const o of offsets) {
    if (o > at) break;
    found = o;
  }
  return found;
}

/** The deepest nesting of collections in the parser's syntax tree, walked in document order without recursion. */
export function treeDepth(tokens: readonly CST.Token[], limit = MAX_NESTING): { depth: number; tooDeepAt?: number } {
  let depth = 0;
  const todo: [CST.Token | null | undefined, number][] = [...tokens].reverse().map((t) => [t, 0]);
  while (todo.length > 0) {
    const [t, d] = todo.pop()!;
    if (!t) continue;
    if (t.type === 'document') todo.push([t.value, d]);
    else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      const level = d + 1;
      if (level > depth) {
        depth = level;
        if (depth > limit) return { depth, tooDeepAt: t.offset };
      }
      const items = t.items as CST.CollectionItem[];
      for (let k = items.length - 1; k >= 0; k--) todo.push([items[k]!.value, level], [items[k]!.key, level]);
    }
  }
  return { depth };
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
