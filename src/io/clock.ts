/** The only place csp reads the clock. */
import { isoDateOf } from '../core/dates.js';

export function today(): string {
  return isoDateOf(new Date());
}

/** Milliseconds since the epoch, for comparing with file times (lock age, the load cache's racy check). */
export function nowMs(): number {
  return Date.now();
}

/** A monotonic reading in milliseconds, for bounded waits. */
export function monotonicMs(): number {
  return performance.now();
}
