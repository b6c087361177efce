/**
 * The annual-dialogue report (the brief officials bring to the Strategic
 * Dialogue) as markdown or HTML. Both are written from one document
 * (report-doc.ts). Pure and deterministic: the plan's revision is passed in.
 */
import type { ReportData } from '../core/report.js';
import { type BriefOptions, buildBriefDoc } from './report-doc.js';
import { type HtmlBriefOptions, renderBriefHtml } from './report-html.js';
import { type MarkdownBrief, type MarkdownBriefOptions, renderBriefMarkdown } from './report-md.js';

export type ReportRenderOptions = BriefOptions;

export function renderReportMarkdown(data: ReportData, options: ReportRenderOptions = {}, md: MarkdownBriefOptions = {}): MarkdownBrief {
  return renderBriefMarkdown(buildBriefDoc(data, options), md);
}

export function renderReportHtml(data: ReportData, options: ReportRenderOptions = {}, html: HtmlBriefOptions = {}): string {
  return renderBriefHtml(buildBriefDoc(data, options), html);
}
