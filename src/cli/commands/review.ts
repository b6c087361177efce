import type { CommandInput } from '../command.js';
import { isReviewName, type Review, REVIEW_NAME_HELP } from '../../core/review.js';
import { countStatuses } from '../../core/status.js';
import { EXIT, type ExitCode, usageError } from '../../errors.js';
import { formatDiagnostic } from '../../render/diagnostics.js';
import { renderReviewList, renderReviewText, type ReviewShown, reviewListJson } from '../../render/review.js';
import { reviewProgress } from '../../core/review-progress.js';
import { termSafeLine } from '../../render/sanitize.js';
import { countsLine } from '../../render/status.js';
import { locatePlan } from '../../app/repository.js';
import { createReview, reviewsOnRecord } from '../../app/reviews.js';
import { requireReview } from '../../app/snapshots.js';
import { type CommandContext, writeJson } from '../context.js';
import { parseDate } from '../parse-options.js';

function checkName(name: string): void {
  if (!isReviewName(name)) throw usageError(`'${termSafeLine(name)}' is not a review name`, `review names use ${REVIEW_NAME_HELP}`);
}

export async function create(ctx: CommandContext, { args: [name], opts: o }: CommandInput<{ date?: string; title?: string; force?: boolean }>): Promise<void> {
  checkName(name);
  const date = o.date === undefined ? (ctx.asOfGiven ? ctx.asOf : ctx.localToday) : parseDate('--date', o.date);
  if (date > ctx.today) throw usageError(`--date ${date} is still in the future everywhere on earth (today is ${ctx.today} at the latest)`, 'a review freezes what has happened: give a date up to today');
  if (o.title !== undefined && !/\S/.test(o.title)) throw usageError('--title is empty', 'give the review a title, or leave --title out');
  const { data, file } = await createReview(ctx, name, { date, ...(o.title !== undefined ? { title: o.title } : {}), force: Boolean(o.force) });
  const counts = countStatuses(data.initiatives);
  ctx.out(`Froze the plan as of ${date} into ${file}: ${data.initiatives.length} initiatives (${countsLine(counts)}).\n`);
  ctx.out(`Commit it so that it stays on record: git add ${file} && git commit -m "Review ${name}"\n`);
}

export function list(ctx: CommandContext, { opts: { json } }: CommandInput<{ json?: boolean }>): ExitCode {
  const { reviews, diagnostics, sources } = reviewsOnRecord(ctx);
  if (json) writeJson(ctx, reviewListJson(reviews.map(withProgress)));
  else ctx.out(renderReviewList(reviews.map(withProgress), ctx.style, ctx.width));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) ctx.err(`${formatDiagnostic(d, sources, ctx.errStyle)}\n\n`);
  if (errors.length) ctx.err(`csp: ${new Set(errors.map((d) => d.file)).size} review file(s) have errors and are not listed; 'csp validate' lists every problem\n`);
  return errors.length ? EXIT.data : EXIT.ok;
}

export function show(ctx: CommandContext, { args: [name], opts: { json } }: CommandInput<{ json?: boolean }>): void {
  checkName(name);
  const review = requireReview(locatePlan(ctx), name);
  if (json) writeJson(ctx, { name: review.name, file: review.file, ...review.data });
  else ctx.out(renderReviewText(withProgress(review), ctx.style, ctx.width));
}

function withProgress(review: Review): ReviewShown {
  return { review, progress: reviewProgress(review.data) };
}
