import type { Command } from 'commander';
import { compareDiagnostics, countBySeverity } from '../../core/diagnostics.js';
import { EXIT, type ExitCode } from '../../errors.js';
import { citedLinks } from '../../core/links.js';
import { reviewDates, reviewsBeforeAdoption } from '../../core/review-dates.js';
import { readPlanText } from '../../io/files.js';
import { readReviewFiles } from '../../io/review-files.js';
import { checkReviewFiles } from '../../io/review-check.js';
import { formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText } from '../../render/diagnostics.js';
import { commandContext, readAndLoad, useCache } from '../context.js';
import { parsePositiveNumber } from '../parse-options.js';

export async function run(cmd: Command): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const { format, links, linksTimeout } = cmd.opts<{ format: 'text' | 'json' | 'github'; links?: boolean; linksTimeout?: string }>();
  const timeoutMs = linksTimeout === undefined ? 10_000 : parsePositiveNumber('--links-timeout', linksTimeout) * 1000;
  // In CI (and for GitHub annotations) the checkout is what is being checked: no cache is trusted.
  const cache = useCache(ctx) && format !== 'github' && !isCI(process.env);
  const { result, files, location } = await readAndLoad(ctx, cache, { texts: false });
  // Review files (plan/reviews/) are checked on their own: they are not initiatives.
  const reviews = await checkReviewFiles(location, { cache, env: process.env });
  const adopted = result.plan?.manifest.adopted.date;
  const early = adopted === undefined ? [] : reviewsBeforeAdoption(reviewDates(readReviewFiles(location)), adopted);
  // Only with --links: the one command that goes to the network.
  const dead = links && result.plan ? await (await import('../../io/links.js')).checkLinks(location.root, citedLinks(result.plan), { timeoutMs }) : [];
  const diags = [...result.diagnostics, ...reviews.diagnostics, ...early.map(({ source: _source, ...d }) => d), ...dead].sort(compareDiagnostics);
  const sources = new Map([...result.sources, ...reviews.sources, ...early.map((d) => [d.file, d.source] as const)]);
  for (const d of dead) if (!sources.has(d.file)) sources.set(d.file, readPlanText(location.root, d.file));
  const checked = { files: files + reviews.files };
  if (format === 'json') ctx.out(formatDiagnosticsJson(diags));
  else if (format === 'github') ctx.out(formatDiagnosticsGithub(diags, checked));
  else ctx.out(formatDiagnosticsText(diags, sources, ctx.style, checked));
  return countBySeverity(diags).errors > 0 ? EXIT.data : EXIT.ok;
}

/** CI=true (GitHub Actions, GitLab CI and most others set it), or GITHUB_ACTIONS=true. */
function isCI(env: NodeJS.ProcessEnv): boolean {
  return env.CI === 'true' || env.CI === '1' || env.GITHUB_ACTIONS === 'true';
}
