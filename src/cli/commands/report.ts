import path from 'node:path';
import type { Command } from 'commander';
import { diffSnapshots, type PlanDiff } from '../../core/diff.js';
import { buildReport } from '../../core/report.js';
import type { Scale } from '../../core/scales.js';
import { snapshotOfPlan } from '../../core/snapshot.js';
import type { ReportLang } from '../../core/vocabulary.js';
import { writeOutputFile } from '../../io/write.js';
import { renderReportMarkdown } from '../../render/report.js';
import { commandContext, requireCleanPlan } from '../context.js';
import { parsePositiveInt } from '../parse-options.js';
import { previousReview, requireReview, SnapshotResolver } from '../snapshots.js';

interface ReportOptions {
  output?: string;
  stale?: string;
  notes?: string;
  review?: string;
  since?: string;
  lang: ReportLang;
  scale: Scale;
}

export async function run(cmd: Command): Promise<void> {
  const ctx = commandContext(cmd);
  const o = cmd.opts<ReportOptions>();
  const { plan } = await requireCleanPlan(ctx);
  const resolver = new SnapshotResolver(ctx);
  // A report for a review shows the plan as of the review's date.
  const review = o.review !== undefined ? requireReview(ctx, resolver.location, o.review) : undefined;
  const asOf = review?.data.date ?? ctx.asOf;
  const data = buildReport(plan, {
    asOf,
    ...(o.stale !== undefined ? { staleDays: parsePositiveInt('--stale', o.stale) } : {}),
    ...(o.notes !== undefined ? { notesPerInitiative: parsePositiveInt('--notes', o.notes) } : {}),
  });
  // Changes since --since, else since the latest review before this report's date.
  const sinceName = o.since ?? previousReview(resolver.location, asOf)?.name;
  let changes: { diff: PlanDiff; since: string } | undefined;
  if (sinceName !== undefined) {
    const from = await resolver.resolve(sinceName);
    const to = snapshotOfPlan(plan, asOf, review ? { kind: 'review', name: review.name, date: asOf } : { kind: 'date', date: asOf });
    const label = from.source.kind === 'review' ? (from.source.title ?? from.source.name) : sinceName;
    changes = { diff: diffSnapshots(from, to), since: label };
  }
  const subtitle = review ? (review.data.title ?? review.name) : undefined;
  const markdown = renderReportMarkdown(data, {
    lang: o.lang,
    scale: o.scale,
    ...(subtitle !== undefined ? { subtitle } : {}),
    ...(changes !== undefined ? { changes } : {}),
  });
  if (o.output === undefined || o.output === '-') ctx.out(markdown);
  else {
    writeOutputFile(path.resolve(o.output), new TextEncoder().encode(markdown), { display: o.output });
    ctx.err(`csp: wrote the report as of ${asOf} to ${o.output}\n`);
  }
}
