/** Calendar dates, checked against what Date makes of them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../src/core/dates.js';

/** The definition: Date, set to that day, still says that day. */
function byDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(2000, 0, 1);
  dt.setFullYear(y, mo - 1, d);
  return dt.getFullYear() === y && dt.getMonth() === mo - 1 && dt.getDate() === d;
}

describe('isCalendarDate', () => {
  it('knows leap years and month lengths', () => {
    expect(['2024-02-29', '2000-02-29', '2025-12-31', '0000-02-29', '1600-02-29'].map(isCalendarDate)).toEqual([true, true, true, true, true]);
    expect(['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01'].map(isCalendarDate)).toEqual([
      false, false, false, false, false, false, false,
    ]);
  });

  it('agrees with Date on every kind of YYYY-MM-DD', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const year = fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 100, 400, 1600, 1900, 2000, 2024, 2100)).map((n) => String(n).padStart(4, '0'));
    fc.assert(
      fc.property(year, two, two, (y, m, d) => {
        const s = `${y}-${m}-${d}`;
        expect(isCalendarDate(s)).toBe(byDate(s));
      }),
      { numRuns: 20000 },
    );
  });
});
