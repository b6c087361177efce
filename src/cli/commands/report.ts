import path from 'node:path';
import type { Command } from 'commander';
import { diffSnapshots, type PlanDiff } from '../../core/diff.js';
import { buildReport } from '../../core/report.js';
import type { Scale } from '../../core/scales.js';
import { eventsAsOf, snapshotOfPlan } from '../../core/snapshot.js';
import { planEventsMarkdown } from '../../render/events.js';
import type { ReportLang } from '../../core/vocabulary.js';
import { writeOutputFile } from '../../io/write.js';
import { renderReportMarkdown } from '../../render/report.js';
import type { ExitCode } from '../../errors.js';
import { dataProblemsMarkdown } from '../../render/problems.js';
import { commandContext, readPlanForViewing, viewExitCode } from '../context.js';
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

export async function run(cmd: Command): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const o = cmd.opts<ReportOptions>();
  const { plan, problems } = await readPlanForViewing(ctx);
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
  // Files with errors are named before the first section: the report is drawn from what could be read.
  // Then the events of the plan as a whole up to the report's day (since the previous review, when there is one).
  const sinceDay = changes?.diff.fromAsOf;
  const events = eventsAsOf(plan, asOf).filter((e) => sinceDay === undefined || e.date > sinceDay);
  const eventHeading = sinceDay === undefined ? `Events of the plan as a whole, to ${asOf}` : `Events of the plan as a whole since ${sinceDay}`;
  const inserted = [...dataProblemsMarkdown(problems), ...planEventsMarkdown(events, eventHeading)];
  const at = markdown.indexOf('\n## ');
  const full = inserted.length === 0 || at < 0 ? markdown : `${markdown.slice(0, at + 1)}${inserted.join('\n')}\n${markdown.slice(at + 1)}`;
  if (o.output === undefined || o.output === '-') ctx.out(full);
  else {
    writeOutputFile(path.resolve(o.output), new TextEncoder().encode(full), { display: o.output });
    ctx.err(`csp: wrote the report as of ${asOf} to ${o.output}\n`);
  }
  return viewExitCode(problems);
}
