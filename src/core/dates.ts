/**
 * Calendar dates as the plan writes them: 'YYYY-MM-DD' strings. Strings in
 * this form sort chronologically, so comparisons are plain string compares.
 * The core never reads the clock: callers pass `asOf`.
 */
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function looksLikeIsoDate(s: string): boolean {
  return ISO_DATE.test(s);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a real calendar date in YYYY-MM-DD form (rejects 2025-02-30), in
 * the proleptic Gregorian calendar that Date uses. Arithmetic rather than a
 * Date: every note date of every file is checked.
 */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a YYYY-MM-DD string is not a real date, in words that fit the mistake
 * ("there is no month 13", "April has 30 days", "February 2025 has 28 days");
 * undefined for a real date or text not in that form.
 */
export function calendarDateProblem(s: string): string | undefined {
  const m = ISO_DATE.exec(s);
  if (!m || isCalendarDate(s)) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `there is no month ${m[2]}: months run from 01 to 12 (the form is YYYY-MM-DD)`;
  if (d < 1) return 'days start at 01';
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (mo === 2) return `February ${m[1]} has ${leap ? 29 : 28} days`;
  return `${MONTH_NAMES[mo - 1]} has ${DAYS_IN_MONTH[mo - 1]} days`;
}

function toDate(s: IsoDate): Date {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(2000, 0, 1);
  dt.setFullYear(y, m - 1, d);
  return dt;
}

function fromDate(dt: Date): IsoDate {
  const y = String(dt.getFullYear()).padStart(4, '0');
  const m = String(dt.getMonth() + 1).padStart(2, '0');
  const d = String(dt.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}

export function addMonthsTo(date: IsoDate, months: number): IsoDate {
  return fromDate(addMonths(toDate(date), months));
}

/** Today's date in local time, from a clock reading the caller made. */
export function isoDateOf(now: Date): IsoDate {
  return fromDate(now);
}

/** "3 d", "5 mo", "2 y": a compact age for tables. */
export function formatAge(days: number): string {
  if (days < 0) return 'future';
  if (days < 60) return `${days} d`;
  if (days < 730) return `${Math.floor(days / 30.4375)} mo`;
  return `${Math.floor(days / 365.25)} y`;
}
