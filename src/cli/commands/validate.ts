import type { Command } from 'commander';
import { compareDiagnostics, countBySeverity } from '../../core/diagnostics.js';
import { EXIT, type ExitCode } from '../../errors.js';
import { reviewsBeforeAdoption } from '../../core/review-dates.js';
import { readReviewFiles } from '../../io/review-files.js';
import { checkReviewFiles } from '../../io/review-load.js';
import { formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText } from '../../render/diagnostics.js';
import { commandContext, readAndLoad, useCache } from '../context.js';

export async function run(cmd: Command): Promise<ExitCode> {
  const ctx = commandContext(cmd);
  const { format } = cmd.opts<{ format: 'text' | 'json' | 'github' }>();
  const { result, files, location } = await readAndLoad(ctx);
  // Review files (plan/reviews/) are checked on their own: they are not initiatives.
  const reviews = await checkReviewFiles(location, { cache: useCache(ctx) });
  const adopted = result.plan?.manifest.adopted.date;
  const early = adopted === undefined ? [] : reviewsBeforeAdoption(readReviewFiles(location), adopted);
  const diags = [...result.diagnostics, ...reviews.diagnostics, ...early.map(({ source: _source, ...d }) => d)].sort(compareDiagnostics);
  const sources = new Map([...result.sources, ...reviews.sources, ...early.map((d) => [d.file, d.source] as const)]);
  const checked = { files: files + reviews.files };
  if (format === 'json') ctx.out(formatDiagnosticsJson(diags));
  else if (format === 'github') ctx.out(formatDiagnosticsGithub(diags, checked));
  else ctx.out(formatDiagnosticsText(diags, sources, ctx.style, checked));
  return countBySeverity(diags).errors > 0 ? EXIT.data : EXIT.ok;
}
