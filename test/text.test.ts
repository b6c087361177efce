/** Natural order, checked against the plain definition it implements. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNatural } from '../src/core/text.js';

/** The definition: split into digit and non-digit runs; digit runs by value, then length; others as strings. */
function byDefinition(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

describe('compareNatural', () => {
  it('puts p2.9 before p2.10 and 1 before 01', () => {
    const ids = ['p2.10', 'p10.1', 'p2.9', 'p2.01', 'p2.1', 'p1.2', 'a', 'p2'];
    expect([...ids].sort(compareNatural)).toEqual(['a', 'p1.2', 'p2', 'p2.1', 'p2.01', 'p2.9', 'p2.10', 'p10.1']);
  });

  it('agrees with its definition', () => {
    const text = fc
      .array(fc.constantFrom('p', 'P', '1', '2', '0', '.', '10', 'a', '-', '/', 'é', '99999999999999999999', '007', ''), { maxLength: 8 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(compareNatural(a, b)).toBe(byDefinition(a, b));
      }),
      { numRuns: 20000 },
    );
  });
});
