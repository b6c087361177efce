/**
 * What runs before yaml builds a document: merge-conflict markers, and the
 * nesting depth, measured on yaml's lexer tokens and checked on its syntax
 * tree (some inputs make yaml's composer misbehave, up to aborting Node).
 */
import { CST, Lexer } from 'yaml';
import { diagnostic, type Diagnostic } from './diagnostics.js';

export const MAX_NESTING = 64;

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/;

/** Whether any line is a merge-conflict marker (a quick test before conflictMarkers). */
export function hasConflictMarkers(text: string): boolean {
  return /^(?:<{7}|={7}|>{7}|\|{7})(?: |\r?$)/m.test(text);
}

export function conflictMarkers(file: string, text: string): Diagnostic[] {
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
