/** The only place csp reads the clock. */
import { isoDateOf } from '../core/dates.js';

export function today(): string {
  return isoDateOf(new Date());
}
