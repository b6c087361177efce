/**
 * The fast path of parsing: js-yaml 4 with its core schema reads the files
 * that look like what people and csp write, about four times faster than
 * yaml@2 builds a document. It must never change an answer, so it accepts a
 * file only when it is sure yaml@2 would read the same data without a word
 * of complaint, and otherwise says nothing (undefined): the caller then
 * takes the full path (parse.ts), which gives every diagnostic with its
 * position. What it refuses rather than judges: tabs, directives, document
 * markers, a byte-order mark left in the text, anchors, aliases, tags,
 * quoted scalars over several lines, block scalars with an indentation
 * indicator, numbers other than plain integers, plain scalars that yaml@2
 * would resolve otherwise, keys that are not plain text (or `__proto__`),
 * nesting deeper than the full path allows, any error or warning of js-yaml,
 * a top level that is not a mapping, and any node it cannot account for.
 *
 * Positions: a listener records where each node starts, so the model's own
 * positions (an initiative's id, each note) come from the same offsets as
 * yaml@2's ranges. Any other position (a diagnostic's) is asked of the full
 * parse, made on demand.
 */
import { CORE_SCHEMA, load, type State } from 'js-yaml';
import { MAX_NESTING } from './parse-guards.js';
import type { PathSegment } from './parse-locate.js';

/** One node as js-yaml composed it: where it starts (after spaces and comments) and what it became. */
interface NodeRecord {
  /** Offset where js-yaml began composing it (before any spaces or comments). */
  open: number;
  /** Offset where js-yaml finished it. */
  end: number;
  result: unknown;
  /** js-yaml's kind: 'scalar', 'sequence', 'mapping', or null for an empty node. */
  kind: string | null;
  children?: NodeRecord[];
}

/** What the fast path read: the data, and where its nodes start. */
export interface FastParse {
  value: Record<string, unknown>;
  /** Where a value (or, with `key`, its key) starts, as parse.ts's locate answers it. */
  offsetOf(path: readonly PathSegment[], part?: 'key' | 'value'): number | undefined;
}

class Refused extends Error {}
const REFUSED = new Refused();

/** Lines that start a directive or a document marker. */
const STREAM_MARKERS = /^(?:%|---|\.\.\.)/m;
/** Every plain scalar yaml@2's core schema reads as something other than text. */
const CORE_NON_STRING =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/** The offset of the first character at or after `at` that is not a space, a line break or a comment. */
function contentStart(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x23 /* # */) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return text.length;
      i = nl + 1;
    } else return i;
  }
}

/** Reads `text` with js-yaml, or undefined when the full path must read it. Never throws. */
export function parseFast(text: string): FastParse | undefined {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\t') || STREAM_MARKERS.test(text)) return undefined;
  const stack: NodeRecord[] = [];
  let root: NodeRecord | undefined;
  const listener = (event: string, state: State) => {
    if (event === 'open') {
      // js-yaml recurses once per level: never deeper than the full path accepts.
      if (stack.length >= MAX_NESTING) throw REFUSED;
      stack.push({ open: state.position, end: -1, result: undefined, kind: null });
      return;
    }
    const node = stack.pop()!;
    node.end = state.position;
    node.result = state.result;
    node.kind = state.kind;
    const parent = stack[stack.length - 1];
    if (parent) (parent.children ??= []).push(node);
    else if (root) throw REFUSED;
    else root = node;
  };
  let value: unknown;
  try {
    value = load(text, {
      schema: CORE_SCHEMA,
      listener,
      onWarning: () => {
        throw REFUSED;
      },
    });
  } catch {
    return undefined;
  }
  if (!root || !isMapping(value) || root.result !== value || Object.keys(value).length === 0) return undefined;
  if (!accounted(text, root)) return undefined;
  return { value, offsetOf: (path, part = 'value') => offsetIn(text, root!, path, part) };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Whether every node is one the fast path is sure of, walked without
 * recursion: collections whose recorded children are exactly their keys and
 * values (or items), scalars written in a way both parsers read alike.
 */
function accounted(text: string, root: NodeRecord): boolean {
  const todo: NodeRecord[] = [root];
  while (todo.length > 0) {
    const node = todo.pop()!;
    const start = contentStart(text, node.open);
    const first = text[start];
    // Anchors, tags and aliases.
    if (first === '&' || first === '!' || first === '*') return false;
    const r = node.result;
    // A comment right after a flow collection is an error for yaml@2.
    if ((first === '[' || first === '{') && text[node.end] === '#') return false;
    if (Array.isArray(r)) {
      const items = node.children ?? [];
      if (items.length !== r.length) return false;
      for (let k = 0; k < r.length; k++) if (items[k]!.result !== r[k]) return false;
      todo.push(...items);
    } else if (r !== null && typeof r === 'object') {
      const children = node.children ?? [];
      const keys = Object.keys(r);
      if (children.length !== keys.length * 2) return false;
      for (let k = 0; k < keys.length; k++) {
        const key = children[2 * k]!;
        const name = keys[k]!;
        if (key.result !== name || children[2 * k + 1]!.result !== (r as Record<string, unknown>)[name]) return false;
        // A key is text that no schema reads otherwise (a quoted "1" is refused too: rare, and safe), no
        // merge key, no key JavaScript objects cannot hold, and without anchor or tag.
        if (name === '__proto__' || name === '<<' || CORE_NON_STRING.test(name)) return false;
        const keyStart = contentStart(text, key.open);
        const keyFirst = text[keyStart];
        if (keyFirst === '&' || keyFirst === '!' || keyFirst === '*' || !scalarReadAlike(text, key, keyStart)) return false;
        todo.push(children[2 * k + 1]!);
      }
    } else if (!scalarReadAlike(text, node, start)) return false;
  }
  return true;
}

function scalarReadAlike(text: string, node: NodeRecord, start: number): boolean {
  const r = node.result;
  if (node.kind === null) return r === null;
  const first = text[start];
  if (first === '"' || first === "'") {
    // Quoted over several lines: folding rules are where parsers differ. A comment right after the
    // closing quote is an error for yaml@2.
    return typeof r === 'string' && !text.slice(start, node.end).includes('\n') && text[node.end] !== '#';
  }
  if (first === '|' || first === '>') {
    // Refused: an explicit indentation indicator, and lines of spaces only (yaml@2 refuses some).
    const eol = text.indexOf('\n', start);
    const header = text.slice(start, eol < 0 ? text.length : eol);
    return typeof r === 'string' && /^[|>][+-]?(?: +#.*)? *\r?$/.test(header) && !/\n +(?:\r?\n|$)/.test(text.slice(start, node.end));
  }
  // A plain scalar.
  if (typeof r === 'string') return !CORE_NON_STRING.test(r);
  if (typeof r === 'number') {
    // Plain integers only, written as JavaScript writes them back.
    if (!Number.isSafeInteger(r) || Object.is(r, -0)) return false;
    const written = String(r);
    if (!text.startsWith(written, start)) return false;
    const after = text[start + written.length];
    return after === undefined || after === ' ' || after === '\n' || after === '\r' || after === ',' || after === ']' || after === '}';
  }
  // null and booleans: js-yaml's core schema spells them as yaml@2's does.
  return r === null || typeof r === 'boolean';
}

/** The same walk as parse.ts's locate, over the recorded nodes. */
function offsetIn(text: string, root: NodeRecord, path: readonly PathSegment[], part: 'key' | 'value'): number | undefined {
  let node: NodeRecord = root;
  const startOf = (n: NodeRecord) => contentStart(text, n.open);
  let best: number | undefined = startOf(root.children![0]!);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    const r = node.result;
    if (isMapping(r)) {
      const children = node.children ?? [];
      let at = -1;
      for (let k = 0; k < children.length; k += 2) {
        if (children[k]!.result === seg) {
          at = k;
          break;
        }
      }
      if (at < 0) break;
      best = startOf(children[at]!);
      node = children[at + 1]!;
      if (last && part === 'key') return best;
      if (last && node.kind !== null) best = startOf(node);
    } else if (Array.isArray(r) && typeof seg === 'number') {
      const item = node.children?.[seg];
      if (item === undefined) break;
      node = item;
      if (node.kind !== null) best = startOf(node);
    } else break;
  }
  return best;
}
