import type { Command } from 'commander';
import { buildReport } from '../../core/report.js';
import type { Scale } from '../../core/scales.js';
import type { ReportLang } from '../../core/vocabulary.js';
import { writeOutputFile } from '../../io/output.js';
import { renderReportMarkdown } from '../../render/report.js';
import { commandContext, requireCleanPlan } from '../context.js';
import { parsePositiveInt } from '../parse-options.js';

interface ReportOptions {
  output?: string;
  stale?: string;
  notes?: string;
  lang: ReportLang;
  scale: Scale;
}

export function run(cmd: Command): void {
  const ctx = commandContext(cmd);
  const o = cmd.opts<ReportOptions>();
  const { plan } = requireCleanPlan(ctx);
  const data = buildReport(plan, {
    asOf: ctx.asOf,
    ...(o.stale !== undefined ? { staleDays: parsePositiveInt('--stale', o.stale) } : {}),
    ...(o.notes !== undefined ? { notesPerInitiative: parsePositiveInt('--notes', o.notes) } : {}),
  });
  const markdown = renderReportMarkdown(data, { lang: o.lang, scale: o.scale });
  if (o.output === undefined || o.output === '-') ctx.out(markdown);
  else {
    writeOutputFile(o.output, markdown);
    ctx.err(`csp: wrote the report as of ${ctx.asOf} to ${o.output}\n`);
  }
}
