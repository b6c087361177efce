/** Small text helpers shared by the core: suggestions and natural ordering. */

/** Levenshtein distance, bounded: returns max+1 once the distance exceeds max. */
export function editDistance(a: string, b: string, max = Infinity): number {
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

/** Orders "p2.10" after "p2.9": digit runs compare as numbers. Locale-independent. */
export function compareNatural(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
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
