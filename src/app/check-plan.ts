/**
 * csp validate's answer: every diagnostic of the plan's files, of its review files (checked
 * on their own: they are not initiatives), of reviews dated before adoption and, when asked,
 * of dead links, with the texts to show their lines.
 */
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { citedLinks } from '../core/links.js';
import { reviewsBeforeAdoption } from '../core/review-dates.js';
import { readPlanText } from '../io/files.js';
import { checkReviewFiles } from '../io/review-check.js';
import { readAndLoad } from './repository.js';
import { reviewDatesOf } from './review-dates.js';
import type { Scope } from './scope.js';

export interface PlanCheck {
  /** Sorted. */
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  /** How many files were checked. */
  files: number;
}

/** `cache`: whether the load cache may be trusted; `links`: whether to ask every cited link (the network), each within `timeoutMs`. */
export async function checkPlan(scope: Scope, how: { cache: boolean; links: boolean; timeoutMs: number }): Promise<PlanCheck> {
  const { result, files, location } = await readAndLoad(scope, how.cache, { texts: false });
  const reviews = await checkReviewFiles(location, { cache: how.cache, env: scope.env });
  const adopted = result.plan?.manifest.adopted.date;
  const early = adopted === undefined ? [] : reviewsBeforeAdoption(reviewDatesOf(location), adopted);
  // Only with --links: the one command that goes to the network.
  const dead = how.links && result.plan ? await (await import('../io/links.js')).checkLinks(location.root, citedLinks(result.plan), { timeoutMs: how.timeoutMs }) : [];
  const diagnostics = [...result.diagnostics, ...reviews.diagnostics, ...early.map(({ source: _source, ...d }) => d), ...dead].sort(compareDiagnostics);
  const sources = new Map([...result.sources, ...reviews.sources, ...early.map((d) => [d.file, d.source] as const)]);
  for (const d of dead) if (!sources.has(d.file)) sources.set(d.file, readPlanText(location.root, d.file));
  return { diagnostics, sources, files: files + reviews.files };
}
