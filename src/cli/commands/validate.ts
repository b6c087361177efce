import type { CommandInput } from '../command.js';
import { countBySeverity } from '../../core/diagnostics.js';
import { EXIT, type ExitCode } from '../../errors.js';
import { formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText } from '../../render/diagnostics.js';
import { answerOnce, type Printer } from '../../app/answers.js';
import { checkPlan } from '../../app/check-plan.js';
import { useCache } from '../../app/scope.js';
import type { CommandContext } from '../context.js';
import { parsePositiveNumber } from '../parse-options.js';

interface ValidateOptions {
  format: 'text' | 'json' | 'github';
  links?: boolean;
  linksTimeout?: string;
}

export async function run(ctx: CommandContext, { opts: { format, links, linksTimeout } }: CommandInput<ValidateOptions>): Promise<ExitCode> {
  const timeoutMs = linksTimeout === undefined ? 10_000 : parsePositiveNumber('--links-timeout', linksTimeout) * 1000;
  // In CI (and for GitHub annotations) the checkout is what is being checked: no cache is trusted.
  const cache = useCache(ctx) && format !== 'github' && !isCI(ctx.env);
  const check = (printer: Printer) => validate({ ...ctx, out: printer.out, err: printer.err }, format, { cache, links: Boolean(links), timeoutMs });
  // --links asks the network, whose answer may change at any time: never a kept answer. Otherwise
  // the same question about the same files (app/answers.ts) gets the answer kept last time.
  if (!cache || links) return check(ctx);
  return answerOnce(ctx, ctx, 'validate', { format, color: ctx.style.color, width: ctx.width }, check);
}

async function validate(ctx: CommandContext, format: ValidateOptions['format'], how: { cache: boolean; links: boolean; timeoutMs: number }): Promise<ExitCode> {
  const { diagnostics: diags, sources, files } = await checkPlan(ctx, how);
  const checked = { files };
  if (format === 'json') ctx.out(formatDiagnosticsJson(diags));
  else if (format === 'github') ctx.out(formatDiagnosticsGithub(diags, checked));
  else ctx.out(formatDiagnosticsText(diags, sources, ctx.style, checked));
  return countBySeverity(diags).errors > 0 ? EXIT.data : EXIT.ok;
}

/** CI=true (GitHub Actions, GitLab CI and most others set it), or GITHUB_ACTIONS=true. */
function isCI(env: NodeJS.ProcessEnv): boolean {
  return env.CI === 'true' || env.CI === '1' || env.GITHUB_ACTIONS === 'true';
}
