/**
 * Positions in a parsed file: offsets as lines and columns, and where the
 * value (or key) at a path of the data starts.
 */
import { type Document, isCollection, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { SourcePos } from './diagnostics.js';

export type PathSegment = string | number;

/** Offset → 1-based line and column (in UTF-16 units, as the parser counts). */
export function positionsOf(file: string, text: string): (offset: number) => SourcePos {
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

export function locateIn(
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

