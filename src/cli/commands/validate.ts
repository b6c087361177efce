import type { Command } from 'commander';
import { compareDiagnostics, countBySeverity } from '../../core/diagnostics.js';
import { EXIT, type ExitCode } from '../../errors.js';
import { checkReviewFiles } from '../../io/review-load.js';
import { formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText } from '../../render/diagnostics.js';
import { commandContext, readAndLoad, useCache } from '../context.js';

export async function run(cmd: Command): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const { format } = cmd.opts<{ format: 'text' | 'json' | 'github' }>();
  const { result, files, location } = await readAndLoad(ctx);
  // Review files (plan/reviews/) are checked on their own: they are not initiatives.
  const reviews = await checkReviewFiles(location, { cache: useCache(ctx) });
  const diags = [...result.diagnostics, ...reviews.diagnostics].sort(compareDiagnostics);
  const sources = new Map([...result.sources, ...reviews.sources]);
  const checked = { files: files + reviews.files };
  if (format === 'json') ctx.out(formatDiagnosticsJson(diags));
  else if (format === 'github') ctx.out(formatDiagnosticsGithub(diags, checked));
  else ctx.out(formatDiagnosticsText(diags, sources, ctx.style, checked));
  return countBySeverity(diags).errors > 0 ? EXIT.data : EXIT.ok;
}
