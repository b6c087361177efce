/**
 * The brief as a document (report-blocks.ts), built once from the report
 * data and written out as markdown (report-md.ts) or HTML (report-html.ts).
 * Pure and deterministic: everything it says is in ReportData (core/report.ts).
 *
 * Order: the first pages (report-front.ts); one section per pillar
 * (report-pillars.ts); the annex (report-annex.ts).
 */
import type { ReportData } from '../core/report.js';
import type { BriefDoc } from './report-blocks.js';
import { annexBlocks } from './report-annex.js';
import { briefContext, type BriefOptions } from './report-context.js';
import { frontBlocks, titleAndFooter } from './report-front.js';
import { pillarBlocks } from './report-pillars.js';

export type { BriefOptions } from './report-context.js';

export function buildBriefDoc(data: ReportData, options: BriefOptions = {}): BriefDoc {
  const c = briefContext(data, options);
  const { title, footer, revision } = titleAndFooter(c);
  const blocks = [...frontBlocks(c, title, footer), ...data.pillars.map((section) => pillarBlocks(c, section)), annexBlocks(c, revision)];
  return { lang: c.lang, title, footer, blocks };
}
