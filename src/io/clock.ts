/** The only place csp reads the clock. */
import { isoDateOf } from '../core/dates.js';

/** The environment the clock is read through (CSP_NOW); the process's, or a test's. */
type Env = Readonly<Record<string, string | undefined>>;

/**
 * The recorder's own day: the local date (TZ), the default date of a new
 * note or review. CSP_NOW (an ISO instant, e.g. 2026-03-01T23:30:00Z) stands
 * in for the clock (read from the run's environment), for tests and for reproducing what a user saw.
 */
export function today(env: Env): string {
  return isoDateOf(now(env));
}

/** The UTC offset of the time zone furthest ahead (Kiribati, UTC+14), in ms. */
const FURTHEST_AHEAD_MS = 14 * 3600_000;

/**
 * The latest date it is anywhere on earth right now: the date in UTC+14. A
 * note dated on or before it has happened somewhere, so it is never "in the
 * future" — a note recorded on a Seoul morning is valid for a check run in
 * UTC or in Canada at that same instant.
 */
export function latestToday(env: Env): string {
  const d = new Date(now(env).getTime() + FURTHEST_AHEAD_MS);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function now(env: Env): Date {
  const fixed = env.CSP_NOW;
  if (fixed !== undefined && fixed !== '') {
    const d = new Date(fixed);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date();
}

/** Milliseconds since the epoch, for comparing with file times (lock age, the load cache's racy check). */
export function nowMs(): number {
  return Date.now();
}

/** A monotonic reading in milliseconds, for bounded waits. */
export function monotonicMs(): number {
  return performance.now();
}
