/**
 * What a report is drawn from: the plan as of its day (a review's date, or --as-of), the
 * review it is for, the changes since an earlier review, date or revision (with the statuses
 * then, for the trend), and the revision of the plan it shows.
 */
import { diffSnapshots, type PlanDiff } from '../core/diff.js';
import type { Plan } from '../core/model.js';
import type { DataProblems } from '../core/problems.js';
import type { PreviousReview } from '../core/report.js';
import type { Review } from '../core/review.js';
import { snapshotOfPlan } from '../core/snapshot.js';
import { planRevision, type PlanRevision } from '../io/plan-revision.js';
import { readPlanForViewing } from './repository.js';
import type { Scope } from './scope.js';
import { previousReview, requireReview, SnapshotResolver } from './snapshots.js';

export interface ReportInputs {
  /** From every file that loads; files with errors are in `problems` (named on the first page). */
  plan: Plan;
  problems: DataProblems;
  /** The day the report shows: the review's date, else --as-of (today). */
  asOf: string;
  review?: Review;
  changes?: { diff: PlanDiff; since: string };
  previous?: PreviousReview;
  /** The latest commit that changed the plan, when the plan is in git. */
  revision?: PlanRevision;
}

/**
 * The report's inputs. `review`: the report for this review (the plan as of its date);
 * `since`: where the changes start (default: the latest review before the report's day).
 */
export async function reportInputs(scope: Scope, wanted: { review?: string; since?: string }): Promise<ReportInputs> {
  const { plan, problems } = await readPlanForViewing(scope);
  const resolver = new SnapshotResolver(scope);
  const review = wanted.review !== undefined ? requireReview(resolver.location, wanted.review) : undefined;
  const asOf = review?.data.date ?? scope.asOf;
  const sinceName = wanted.since ?? previousReview(resolver.location, asOf)?.name;
  const inputs: ReportInputs = { plan, problems, asOf, ...(review ? { review } : {}) };
  if (sinceName !== undefined) {
    const from = await resolver.resolve(sinceName);
    const to = snapshotOfPlan(plan, asOf, review ? { kind: 'review', name: review.name, date: asOf } : { kind: 'date', date: asOf });
    const label = from.source.kind === 'review' ? (from.source.title ?? from.source.name) : sinceName;
    inputs.changes = { diff: diffSnapshots(from, to), since: label };
    inputs.previous = { date: from.asOf, label, statuses: new Map(from.initiatives.map((i) => [i.id, i.status])) };
  }
  const revision = planRevision(resolver.location, scope.env);
  if (revision !== undefined) inputs.revision = revision;
  return inputs;
}
