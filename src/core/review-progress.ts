/** Progress as a review file froze it: per pillar and in total. Pure, and free of yaml and zod (renderers use it). */
import { isListedUnder } from './model.js';
import type { ReviewInput } from './schema.js';
import { countStatuses, type StatusCounts } from './status.js';

type ReviewInitiative = ReviewInput['initiatives'][number];

interface ReviewGroup {
  total: number;
  counts: StatusCounts;
  /** completed / total, 0 when empty. */
  completedShare: number;
}

interface ReviewPillarProgress extends ReviewGroup {
  number: number;
  title: string;
  /** The review's initiatives listed under this pillar, in the review's order. */
  initiatives: ReviewInitiative[];
}

export interface ReviewProgress {
  pillars: ReviewPillarProgress[];
  totals: ReviewGroup;
}

function group(items: readonly ReviewInitiative[]): ReviewGroup {
  const counts = countStatuses(items);
  return { total: items.length, counts, completedShare: items.length === 0 ? 0 : counts.completed / items.length };
}

export function reviewProgress(review: ReviewInput): ReviewProgress {
  return {
    pillars: review.pillars.map((p) => {
      const initiatives = review.initiatives.filter((i) => isListedUnder(i, p.number));
      return { number: p.number, title: p.title, initiatives, ...group(initiatives) };
    }),
    totals: group(review.initiatives),
  };
}
