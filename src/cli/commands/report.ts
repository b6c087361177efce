import path from 'node:path';
import type { CommandInput } from '../command.js';
import { buildReport } from '../../core/report.js';
import type { Scale } from '../../core/scales.js';
import { eventsAsOf } from '../../core/snapshot.js';
import type { ReportLang } from '../../core/vocabulary.js';
import { type ExitCode, usageError } from '../../errors.js';
import { renderReportHtml, renderReportMarkdown, type ReportRenderOptions } from '../../render/report.js';
import type { Paper } from '../../render/report-html.js';
import { reportInputs } from '../../app/report.js';
import { printReportPdf, reportTarget, shownPath, writeReportFile } from '../../app/report-output.js';
import { type CommandContext, viewExitCode } from '../context.js';
import { parsePositiveInt } from '../parse-options.js';

interface ReportOptions {
  output?: string;
  stale?: string;
  notes?: string;
  review?: string;
  since?: string;
  lang: ReportLang;
  scale: Scale;
  format: 'md' | 'html' | 'pdf';
  paper?: Paper;
  mermaid?: boolean;
}

export async function run(ctx: CommandContext, { opts: o }: CommandInput<ReportOptions>): Promise<ExitCode> {
  const { plan, problems, asOf, review, changes, previous, revision } = await reportInputs(ctx, { review: o.review, since: o.since });
  const data = buildReport(plan, {
    asOf,
    scale: o.scale,
    ...(o.stale !== undefined ? { staleDays: parsePositiveInt('--stale', o.stale) } : {}),
    ...(o.notes !== undefined ? { notesPerInitiative: parsePositiveInt('--notes', o.notes) } : {}),
    ...(previous !== undefined ? { previous } : {}),
  });
  const subtitle = review ? (review.data.title ?? review.name) : undefined;
  const options: ReportRenderOptions = {
    lang: o.lang,
    ...(subtitle !== undefined ? { subtitle } : {}),
    ...(changes !== undefined ? { changes } : {}),
    ...(revision !== undefined ? { revision } : {}),
    ...(o.mermaid ? { mermaid: true } : {}),
    ...(problems.files.length > 0 ? { problems } : {}),
    events: {
      to: asOf,
      ...(changes !== undefined ? { since: changes.diff.fromAsOf } : {}),
      list: eventsAsOf(plan, asOf).filter((e) => changes === undefined || e.date > changes.diff.fromAsOf),
    },
  };
  const ext = o.format;
  if (o.format === 'pdf' && (o.output === undefined || o.output === '-')) {
    throw usageError('a PDF is written to a file: give -o FILE', 'e.g. csp report --format pdf --paper a4 -o brief.pdf');
  }
  const target = reportTarget(ctx, o.output, ext);
  if (o.format === 'pdf') {
    const html = renderReportHtml(data, options, o.paper ? { paper: o.paper } : {});
    writeReportFile(ctx, target!, printReportPdf(ctx, html));
  } else if (o.format === 'html') {
    const html = renderReportHtml(data, options, o.paper ? { paper: o.paper } : {});
    if (target === undefined) ctx.out(html);
    else writeReportFile(ctx, target, html);
  } else {
    const prefix = target !== undefined ? path.basename(target).replace(/\.[^.]*$/, '') || 'report' : undefined;
    const md = renderReportMarkdown(data, options, prefix !== undefined ? { imagePrefix: prefix } : {});
    if (target === undefined) ctx.out(md.text);
    else {
      for (const f of md.files) writeReportFile(ctx, path.join(path.dirname(target), f.name), f.content);
      writeReportFile(ctx, target, md.text);
    }
  }
  if (target !== undefined) ctx.err(`csp: wrote the report as of ${asOf} to ${shownPath(ctx, target)}\n`);
  return viewExitCode(problems);
}

