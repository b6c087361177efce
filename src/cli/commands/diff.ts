import type { CommandInput } from '../command.js';
import { diffSnapshots } from '../../core/diff.js';
import { diffJson, renderDiffMarkdown, renderDiffText } from '../../render/diff.js';
import type { SnapshotSource } from '../../core/snapshot.js';
import { EXIT, type ExitCode, usageError } from '../../errors.js';
import { planEventsMarkdown, renderPlanEventsText } from '../../render/events.js';
import { dataProblemsJson, dataProblemsMarkdown, renderDataProblemsBanner } from '../../render/problems.js';
import { termSafeLine } from '../../render/sanitize.js';
import { type CommandContext, writeJson } from '../context.js';
import { parsePillarOf } from '../parse-options.js';
import { SnapshotResolver } from '../../app/snapshots.js';

interface DiffOptions {
  format: 'text' | 'md' | 'json';
  pillar?: string;
  exitCode?: boolean;
}

export async function run(ctx: CommandContext, { args, opts: o }: CommandInput<DiffOptions>): Promise<ExitCode> {
  const [from, to] = args as [string, string | undefined];
  const resolver = new SnapshotResolver(ctx);
  const before = await resolver.resolve(from);
  const after = to === undefined ? await resolver.worktree() : await resolver.resolve(to);
  resolver.release();
  refuseReversed(before.source, after.source, from, to);
  const numbers = [...new Set([...before.pillars, ...after.pillars].map((p) => p.number))].sort((a, b) => a - b);
  const diff = diffSnapshots(before, after, o.pillar !== undefined ? { pillar: parsePillarOf(numbers, o.pillar) } : {});
  const { problems } = resolver;
  if (o.format === 'json') {
    const json = diffJson(diff) as object;
    writeJson(ctx, problems.length > 0 ? { ...json, problems: problems.map((p) => ({ where: p.where, files: dataProblemsJson(p.problems) })) } : json);
  } else if (o.format === 'md') {
    const events = planEventsMarkdown(diff.events, 'Events of the plan as a whole');
    ctx.out(problems.map((p) => dataProblemsMarkdown(p.problems, p.where).join('\n') + '\n').join('') + renderDiffMarkdown(diff) + (events.length ? `\n${events.join('\n')}` : ''));
  } else {
    const banners = problems.map((p) => renderDataProblemsBanner(p.problems, ctx.style, p.where)).join('');
    ctx.out(banners + renderDiffText(diff, { style: ctx.style, width: ctx.width }) + renderPlanEventsText(diff.events, 'Events of the plan as a whole', ctx.style, ctx.width));
  }
  if (o.exitCode && diff.changes.length > 0) return EXIT.data;
  return problems.some((p) => p.problems.affectsView) ? EXIT.data : EXIT.ok;
}

/** The day a snapshot stands for, when it has one (a review, a date, the working tree; not a git revision). */
function dayOf(s: SnapshotSource): string | undefined {
  return s.kind === 'review' || s.kind === 'date' ? s.date : s.kind === 'worktree' ? s.asOf : undefined;
}

/** FROM after TO would report every change backwards ("lost notes"): a usage error that says so. */
function refuseReversed(before: SnapshotSource, after: SnapshotSource, from: string, to: string | undefined): void {
  const [a, b] = [dayOf(before), dayOf(after)];
  if (a === undefined || b === undefined || a <= b) return;
  const named = (typed: string, day: string) => (typed === day ? day : `'${termSafeLine(typed)}' (${day})`);
  throw usageError(
    `TO ${to === undefined ? `today (${b})` : named(to, b)} is before FROM ${named(from, a)}`,
    to === undefined ? 'FROM must be on or before today (or --as-of)' : `give the earlier one first: csp diff ${termSafeLine(to)} ${termSafeLine(from)}`,
  );
}
