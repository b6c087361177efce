/** A value typed from a fixed list (statuses, a plan's sides): matched forgivingly, with one hint when it is none of them. Pure. */
import { didYouMean } from '../text.js';
import { type Status, STATUSES } from '../vocabulary.js';

/** "did you mean 'ongoing'? statuses are: …": the nearest choice when there is one, then all of them. */
export function choicesHint(typed: string, choices: readonly string[], plural: string): string {
  return `${didYouMean(typed, choices) ?? ''} ${plural} are: ${choices.join(', ')}`.trim();
}

/** A status as people type it: any case, spaces or underscores for dashes ("At risk" is at-risk). */
export function statusOf(typed: string): Status | undefined {
  const v = typed.trim().toLowerCase().replace(/[ _]/g, '-');
  return (STATUSES as readonly string[]).includes(v) ? (v as Status) : undefined;
}
