import type { Command } from 'commander';
import { assessInitiative } from '../../core/status.js';
import { DEFAULT_STALE_DAYS } from '../../core/status.js';
import { renderInitiativeText } from '../../render/show.js';
import { exportJson } from '../../render/export.js';
import { commandContext, requireCleanPlan, writeJson } from '../context.js';
import { findInitiative } from '../parse-options.js';
import { termSafeLine } from '../../render/sanitize.js';

export async function run(cmd: Command, id: string): Promise<void> {
  const ctx = commandContext(cmd);
  const { json } = cmd.opts<{ json?: boolean }>();
  const { plan } = await requireCleanPlan(ctx);
  const initiative = findInitiative(plan, id, (message) => ctx.err(`csp: note: ${termSafeLine(message)}\n`));
  const status = assessInitiative(plan, initiative, ctx.asOf, DEFAULT_STALE_DAYS);
  if (json) {
    const all = exportJson(plan, ctx.asOf) as { initiatives: { id: string }[] };
    writeJson(ctx, { ...all.initiatives.find((i) => i.id === initiative.id), assessment: status });
  } else ctx.out(renderInitiativeText(plan, initiative, status, ctx.style, ctx.width, ctx.asOf));
}
