import type { Command } from 'commander';
import { compareDiagnostics, countBySeverity } from '../../core/diagnostics.js';
import { EXIT, type ExitCode } from '../../errors.js';
import { checkReviewFiles } from '../../io/review-load.js';
import { formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText } from '../../render/diagnostics.js';
import { commandContext, readAndLoad, useCache } from '../context.js';

export async function run(cmd: Command): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const { format } = cmd.opts<{ format: 'text' | 'json' | 'github' }>();
  // In CI (and for GitHub annotations) the checkout is what is being checked: no cache is trusted.
  const cache = useCache(ctx) && format !== 'github' && !isCI(process.env);
  const { result, files, location } = await readAndLoad(ctx, cache);
  // Review files (plan/reviews/) are checked on their own: they are not initiatives.
  const reviews = await checkReviewFiles(location, { cache, env: process.env });
  const diags = [...result.diagnostics, ...reviews.diagnostics].sort(compareDiagnostics);
  const sources = new Map([...result.sources, ...reviews.sources]);
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
