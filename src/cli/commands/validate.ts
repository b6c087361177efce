import type { Command } from 'commander';
import { countBySeverity } from '../../core/diagnostics.js';
import { EXIT, type ExitCode } from '../../errors.js';
import { formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText } from '../../render/diagnostics.js';
import { commandContext, readAndLoad } from '../context.js';

export function run(cmd: Command): ExitCode {
  const ctx = commandContext(cmd);
  const { format } = cmd.opts<{ format: 'text' | 'json' | 'github' }>();
  const { result, files } = readAndLoad(ctx);
  const diags = result.diagnostics;
  if (format === 'json') ctx.out(formatDiagnosticsJson(diags));
  else if (format === 'github') ctx.out(formatDiagnosticsGithub(diags, { files }));
  else ctx.out(formatDiagnosticsText(diags, result.sources, ctx.style, { files }));
  return countBySeverity(diags).errors > 0 ? EXIT.data : EXIT.ok;
}
