/** Small text helpers shared by the core: suggestions and natural ordering. */

/** Levenshtein distance, bounded: returns max+1 once the distance exceeds max. */
function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidates closest to `input`, best first; empty when nothing is close. */
export function nearest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const max = Math.max(2, Math.floor(needle.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = editDistance(needle, c.toLowerCase(), max);
    if (d <= max) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || compareNatural(x.c, y.c));
  return scored.slice(0, limit).map((s) => s.c);
}

export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const best = nearest(input, candidates, 1)[0];
  return best === undefined ? undefined : `did you mean '${best}'?`;
}

/**
 * Orders "p2.10" after "p2.9": digit runs compare as numbers. Locale-independent.
 * Runs of digits and of other characters are compared in turn: two digit runs
 * by value (then the shorter first, "1" before "01"), other runs by UTF-16
 * code units; a string that runs out of runs first comes first. It scans the
 * strings in place: plans of thousands of files are sorted with it.
 */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ad = isDigit(a.charCodeAt(i));
    const bd = isDigit(b.charCodeAt(j));
    const ai = runEnd(a, i, ad);
    const bj = runEnd(b, j, bd);
    if (ad && bd) {
      const x = a.slice(i, ai);
      const y = b.slice(j, bj);
      if (x !== y) {
        const d = Number(x) - Number(y);
        if (d !== 0) return d;
        return x.length - y.length;
      }
    } else {
      const d = compareRange(a, i, ai, b, j, bj);
      if (d !== 0) return d;
    }
    i = ai;
    j = bj;
  }
  return countRuns(a, i) - countRuns(b, j);
}

/** a[i..ai) against b[j..bj) by UTF-16 code units, as `<` compares strings: -1, 0 or 1. */
function compareRange(a: string, i: number, ai: number, b: string, j: number, bj: number): number {
  for (; i < ai && j < bj; i++, j++) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return i < ai ? 1 : j < bj ? -1 : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function runEnd(s: string, from: number, digits: boolean): number {
  let k = from + 1;
  while (k < s.length && isDigit(s.charCodeAt(k)) === digits) k++;
  return k;
}

/** How many runs are left from `from` on. */
function countRuns(s: string, from: number): number {
  let n = 0;
  for (let k = from; k < s.length; k = runEnd(s, k, isDigit(s.charCodeAt(k)))) n++;
  return n;
}

/** A value quoted in a message, cut to `max` characters: a message names a value, it need not repeat a paragraph. */
export function clip(s: string, max = 60): string {
  if (s.length <= max) return s;
  let end = max - 1;
  // Never cut a surrogate pair in two.
  const code = s.charCodeAt(end);
  if (code >= 0xdc00 && code <= 0xdfff) end--;
  return `${s.slice(0, end)}…`;
}
