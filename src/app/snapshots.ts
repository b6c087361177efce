/**
 * Turning what the user wrote (FROM, TO of `csp diff`) into plan snapshots.
 * A name is tried as a review, then as a date, then as a git revision; a
 * review wins over a git revision of the same name (a note says so).
 */
import { calendarDateProblem, isCalendarDate, looksLikeIsoDate } from '../core/dates.js';
import type { Plan } from '../core/model.js';
import { isReviewName, loadReviewFile, loadReviews, type Review, snapshotOfReview } from '../core/review.js';
import { attachNotes, type PlanSnapshot, snapshotOfPlan } from '../core/snapshot.js';
import { nearest } from '../core/text.js';
import { usageError } from '../errors.js';
import { findRepo, type GitRepo, isShallow, listPlanAtCommit, lookupRevision, readBlobs } from '../io/git.js';
import { KnownResults, loadPlanFromFiles } from '../io/load-plan.js';
import { type PlanLocation, toRepoPath } from '../io/plan-files.js';
import { readReviewFile, readReviewFiles } from '../io/review-files.js';
import { termSafeLine } from '../render/sanitize.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { dataProblems, type DataProblems } from '../core/problems.js';
import { stopOnErrors } from './plan-errors.js';
import { type LoadedPlan, locatePlan, readAndLoad } from './repository.js';
import { type Scope, useCache } from './scope.js';

export class SnapshotResolver {
  readonly location: PlanLocation;
  private work?: { plan?: Plan; load: LoadedPlan };
  /**
   * Files with errors in the plans this resolver loaded (the working tree, git
   * revisions): each snapshot is drawn from every file that loaded, and the
   * command names these files.
   */
  readonly problems: { where: string; problems: DataProblems }[] = [];
  private repo?: GitRepo | null;
  /** Files loaded so far (and the working tree's cache): what two revisions share is parsed once. */
  private known?: KnownResults;

  constructor(private readonly ctx: Scope) {
    this.location = locatePlan(ctx);
  }

  /**
   * The working tree's plan from every file that loads, loaded once (files
   * with errors go to `problems`). Without a readable manifest: exit 1 with
   * its errors when `require`, else undefined.
   */
  private async workPlan(require: boolean): Promise<Plan | undefined> {
    if (!this.work) {
      const load = await readAndLoad(this.ctx);
      this.work = { load, ...(load.result.plan ? { plan: load.result.plan } : {}) };
      if (load.result.plan) this.noteProblems('the working tree', load.result.diagnostics, load.result.plan);
    }
    if (require && !this.work.plan) stopOnErrors(this.work.load.result.diagnostics, this.work.load.result.sources, 'the plan');
    return this.work.plan;
  }

  private noteProblems(where: string, diagnostics: readonly Diagnostic[], plan: Plan): void {
    const found = dataProblems(diagnostics, plan);
    if (found.files.length > 0) this.problems.push({ where, problems: found });
  }

  private gitRepo(): GitRepo | undefined {
    if (this.repo === undefined) this.repo = findRepo(this.location, this.ctx.env) ?? null;
    return this.repo ?? undefined;
  }

  /**
   * Lets go of what loading kept for later loads (every file's result, the
   * working tree's plan): once both sides of a diff are snapshots, they hold
   * all that is needed, and at 10,000 initiatives the rest is tens of MB.
   */
  release(): void {
    this.known = undefined;
    this.work = undefined;
  }

  /** The working tree as of --as-of (today by default). */
  async worktree(): Promise<PlanSnapshot> {
    return snapshotOfPlan((await this.workPlan(true))!, this.ctx.asOf, { kind: 'worktree', asOf: this.ctx.asOf });
  }

  async resolve(name: string): Promise<PlanSnapshot> {
    const shown = termSafeLine(name);
    if (name.startsWith('-')) throw usageError(`'${shown}' cannot be a review, date or revision: it starts with '-'`);
    const review = this.review(name);
    if (review) {
      if (this.alsoRevision(name)) {
        this.ctx.err(`csp: note: '${name}' is both a review and a git revision; using the review (for the revision, write e.g. ${name}^0)\n`);
      }
      const snapshot = snapshotOfReview(review);
      const plan = await this.workPlan(false);
      return plan ? attachNotes(snapshot, plan) : snapshot;
    }
    if (looksLikeIsoDate(name)) {
      if (!isCalendarDate(name)) throw usageError(`'${shown}' is not a real calendar date`, calendarDateProblem(name));
      if (name > this.ctx.today) throw usageError(`${name} is still in the future everywhere on earth (today is ${this.ctx.today} at the latest)`, 'compare dates up to today');
      return snapshotOfPlan((await this.workPlan(true))!, name, { kind: 'date', date: name });
    }
    return this.revision(name, shown);
  }

  /** Whether a review name also names a git revision. Best effort: reviews work without git. */
  private alsoRevision(name: string): boolean {
    try {
      const repo = this.gitRepo();
      return repo !== undefined && lookupRevision(repo, name).kind === 'found';
    } catch {
      return false;
    }
  }

  private review(name: string): Review | undefined {
    if (!isReviewName(name)) return undefined;
    const raw = readReviewFile(this.location, name);
    if (!raw) return undefined;
    const loaded = loadReviewFile(raw);
    stopOnErrors(loaded.diagnostics, new Map(loaded.source !== undefined ? [[raw.path, loaded.source]] : []), `review '${name}'`);
    return loaded.review;
  }

  private async revision(name: string, shown: string): Promise<PlanSnapshot> {
    const repo = this.gitRepo();
    const tried = `'${shown}' is not a review, a date (YYYY-MM-DD) or a git revision`;
    if (!repo) throw usageError(tried, `${this.reviewHint(name)}; the plan is not in a git repository, so git revisions cannot be used`);
    const found = lookupRevision(repo, name);
    if (found.kind === 'ambiguous') {
      throw usageError(`'${shown}' is ambiguous in git: ${termSafeLine(found.detail)}`, 'use a longer commit id, or a full name such as refs/heads/NAME or refs/tags/NAME');
    }
    if (found.kind === 'unknown') {
      if (isShallow(repo)) {
        throw usageError(
          `'${shown}' is not a review, a date (YYYY-MM-DD) or a revision of this clone, which is shallow: it has only the latest commits`,
          "fetch the history first: 'git fetch --unshallow' (or 'git fetch --deepen=50'); in GitHub Actions, give actions/checkout 'fetch-depth: 0'",
        );
      }
      throw usageError(tried, this.reviewHint(name));
    }
    this.known ??= useCache(this.ctx) ? KnownResults.fromCache(this.location.root, toRepoPath(this.location.root, this.location.planDir), this.ctx.env) : new KnownResults();
    const known = this.known;
    // Only the list of files: their bytes are read from git a window at a time as the loader needs
    // them, and not at all for a blob another revision of this run had.
    const files = listPlanAtCommit(repo, found.commit);
    const short = found.commit.slice(0, 12);
    if (files.files.length === 0) {
      throw usageError(`revision '${shown}' (${short}) has no plan in ${repo.planPath || 'the repository top folder'}`, `choose a later revision; 'git log -- ${repo.planPath || '.'}' lists the commits that changed the plan`);
    }
    const result = await loadPlanFromFiles(files, { today: this.ctx.today, env: this.ctx.env, known, readObjects: (objects) => readBlobs(repo, objects) });
    if (!result.plan) stopOnErrors(result.diagnostics, result.sources, `the plan at revision '${shown}' (${short})`);
    this.noteProblems(`revision '${shown}' (${short})`, result.diagnostics, result.plan!);
    return snapshotOfPlan(result.plan!, this.ctx.asOf, { kind: 'revision', revision: name, commit: found.commit, asOf: this.ctx.asOf });
  }

  private reviewHint(name: string): string {
    return reviewHint(this.location, name);
  }
}

/** Where to look next when a review name is unknown: the nearest names, or how to make one. */
function reviewHint(location: PlanLocation, name: string): string {
  const names = loadReviews(readReviewFiles(location)).reviews.map((r) => r.name);
  if (names.length === 0) return "there are no reviews yet ('csp review create NAME' makes one)";
  const close = nearest(name, names);
  return close.length ? `did you mean ${close.map((c) => `'${c}'`).join(' or ')}? reviews: ${names.join(', ')}` : `reviews: ${names.join(', ')}`;
}

/** The review of this name, or exit 2 naming the nearest ones (exit 1 when its file has errors). */
export function requireReview(location: PlanLocation, name: string): Review {
  const shown = termSafeLine(name);
  const raw = isReviewName(name) ? readReviewFile(location, name) : undefined;
  if (!raw) throw usageError(`there is no review '${shown}'`, reviewHint(location, name));
  const loaded = loadReviewFile(raw);
  stopOnErrors(loaded.diagnostics, new Map(loaded.source !== undefined ? [[raw.path, loaded.source]] : []), `review '${name}'`);
  return loaded.review!;
}

/** The latest review dated before `date`, if any: what a report's "changes since" starts from. */
export function previousReview(location: PlanLocation, date: string): Review | undefined {
  const before = loadReviews(readReviewFiles(location)).reviews.filter((r) => r.data.date < date);
  before.sort((a, b) => (a.data.date < b.data.date ? -1 : a.data.date > b.data.date ? 1 : a.name < b.name ? -1 : 1));
  return before.at(-1);
}
