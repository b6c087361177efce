import type { CommandInput } from '../command.js';
import type { Scale } from '../../core/scales.js';
import { dashboardMeasures } from '../../core/measures.js';
import { eventsAsOf } from '../../core/snapshot.js';
import { renderMeasuresText } from '../../render/measures.js';
import { planStatus, type StatusQuery } from '../../core/status.js';
import { renderPlanEventsText } from '../../render/events.js';
import type { ExitCode } from '../../errors.js';
import { dataProblemsJson, renderDataProblemsBanner } from '../../render/problems.js';
import { renderStatusText, statusJson } from '../../render/status.js';
import { answerOnce } from '../../app/answers.js';
import { readPlanForViewing } from '../../app/repository.js';
import { reviewDatesOf } from '../../app/review-dates.js';
import { type CommandContext, viewExitCode, writeJson } from '../context.js';
import { parsePillar, parsePositiveInt, parseStatus, parseTheme } from '../parse-options.js';

const LATEST_EVENTS = 3;

interface StatusOptions {
  pillar?: string;
  status?: string;
  theme?: string;
  stale?: string;
  flagged?: boolean;
  json?: boolean;
  scale: Scale;
}

export async function run(ctx: CommandContext, { opts: o }: CommandInput<StatusOptions>): Promise<ExitCode> {
  // The same question about the same files (app/answers.ts): the answer kept last time.
  const question = { ...o, color: ctx.style.color, width: ctx.width };
  return answerOnce(ctx, ctx, 'status', question, (printer) => show({ ...ctx, out: printer.out, err: printer.err }, o));
}

async function show(ctx: CommandContext, o: StatusOptions): Promise<ExitCode> {
  const { plan, problems, loaded } = await readPlanForViewing(ctx, { texts: false });
  const query: StatusQuery = { asOf: ctx.asOf };
  if (o.pillar !== undefined) query.pillar = parsePillar(plan, o.pillar);
  if (o.status !== undefined) query.status = parseStatus(o.status);
  if (o.theme !== undefined) query.theme = parseTheme(plan, o.theme);
  if (o.stale !== undefined) query.staleDays = parsePositiveInt('--stale', o.stale);
  if (o.flagged) query.onlyFlagged = true;
  const status = planStatus(plan, query);
  // The latest events of the plan as a whole, as of the day shown (on the whole dashboard, not a filtered one).
  const filtered = query.pillar !== undefined || filterOf(query).filter !== undefined;
  const events = filtered ? [] : eventsAsOf(plan, ctx.asOf).slice(-LATEST_EVENTS);
  // Trend, evidence and cadence, counted from the latest review before the day shown (else adoption).
  const review = reviewDatesOf(loaded.location).filter((r) => r.date < ctx.asOf).at(-1);
  const since = review ? { label: `review ${review.name}`, date: review.date } : { label: 'adoption', date: plan.manifest.adopted.date };
  const measures = filtered ? undefined : dashboardMeasures(plan, ctx.asOf, since);
  if (o.json) {
    const json = { ...(statusJson(status) as object), ...(measures ? { measures } : {}), events };
    writeJson(ctx, problems.files.length > 0 ? { ...json, problems: dataProblemsJson(problems) } : json);
  } else {
    const heading = `Latest events of the plan as a whole (${events.length === LATEST_EVENTS ? `last ${LATEST_EVENTS}` : 'all'} as of ${ctx.asOf})`;
    ctx.out(
      renderDataProblemsBanner(problems, ctx.style) +
        renderStatusText(plan, status, { style: ctx.style, width: ctx.width, scale: o.scale, ...filterOf(query) }) +
        (measures ? renderMeasuresText(measures, ctx.style, ctx.width) : '') +
        renderPlanEventsText(events, heading, ctx.style, ctx.width),
    );
  }
  return viewExitCode(problems);
}

/** What the user filtered on, in their words ("--status at-risk --flagged"); none for --pillar alone. */
function filterOf(q: StatusQuery): { filter?: string } {
  const parts = [
    q.status !== undefined ? `--status ${q.status}` : '',
    q.theme !== undefined ? `--theme ${q.theme}` : '',
    q.onlyFlagged ? '--flagged' : '',
  ].filter(Boolean);
  if (parts.length === 0) return {};
  if (q.pillar !== undefined) parts.unshift(`--pillar ${q.pillar}`);
  return { filter: parts.join(' ') };
}
