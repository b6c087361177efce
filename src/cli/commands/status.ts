import type { Command } from 'commander';
import type { Scale } from '../../core/scales.js';
import { planStatus, type StatusQuery } from '../../core/status.js';
import { renderStatusText, statusJson } from '../../render/status.js';
import { commandContext, requireCleanPlan, writeJson } from '../context.js';
import { parsePillar, parsePositiveInt, parseStatus, parseTheme } from '../parse-options.js';

interface StatusOptions {
  pillar?: string;
  status?: string;
  theme?: string;
  stale?: string;
  flagged?: boolean;
  json?: boolean;
  scale: Scale;
}

export async function run(cmd: Command): Promise<void> {
  const ctx = commandContext(cmd);
  const o = cmd.opts<StatusOptions>();
  const { plan } = await requireCleanPlan(ctx);
  const query: StatusQuery = { asOf: ctx.asOf };
  if (o.pillar !== undefined) query.pillar = parsePillar(plan, o.pillar);
  if (o.status !== undefined) query.status = parseStatus(o.status);
  if (o.theme !== undefined) query.theme = parseTheme(plan, o.theme);
  if (o.stale !== undefined) query.staleDays = parsePositiveInt('--stale', o.stale);
  if (o.flagged) query.onlyFlagged = true;
  const status = planStatus(plan, query);
  if (o.json) writeJson(ctx, statusJson(status));
  else ctx.out(renderStatusText(plan, status, { style: ctx.style, width: ctx.width, scale: o.scale, ...filterOf(query) }));
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
