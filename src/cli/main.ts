/**
 * The csp command line: parse the arguments, run the command, say what went wrong, answer the
 * exit code. Commands are declared in commands/*.command.ts and built into a commander program
 * by program.ts; each command's code is imported only when it runs, so that `csp --help` never
 * loads the YAML parser or zod. `main` reads nothing from `process`: whoever runs it (the
 * bundle's entry, process-host.ts, or a test) hands it a Host.
 */
import { EXIT } from '../errors.js';
import { takeNotices } from '../io/notices.js';
import { termSafeLine } from '../render/sanitize.js';
import type { Host } from './host.js';
import { buildProgram, type RunState } from './program.js';
import { reportError } from './report-error.js';

/** Runs csp with these arguments (without node and the script) and answers the exit code. */
export async function main(args: readonly string[], host: Host): Promise<number> {
  const state: RunState = {};
  const program = buildProgram(host, state);
  const err = (text: string) => host.stderr.write(text);
  let code: number;
  try {
    await program.parseAsync(args as string[], { from: 'user' });
    code = state.code ?? EXIT.ok;
  } catch (error) {
    // Files with errors that stopped the command: the first few, with their lines, then why it stopped.
    if (state.ctx) await (await import('./print-refusal.js')).printRefusal(state.ctx, error);
    code = reportError(error, args.includes('--debug') || host.env.CSP_DEBUG === '1', err);
  }
  // A command's caches are the run's: the next run in this process (a test's) opens them again.
  if (state.ctx) (await import('../io/cache.js')).endCacheSessions();
  for (const n of takeNotices()) {
    err(`csp: warning: ${termSafeLine(n.message)}\n`);
    if (n.hint) err(`  help: ${termSafeLine(n.hint)}\n`);
  }
  return withOutputCheck(code, host);
}

/**
 * Output that could not be written fails the run (exit 3), whatever the
 * command meant to return: a script must not take a report it never got for
 * a success. A reader that went away (EPIPE: `csp status | head`) is not
 * told about it again; anything else is said on standard error.
 */
function withOutputCheck(code: number, host: Host): number {
  const lost = host.outputLost();
  if (lost === undefined) return code;
  if (lost !== 'EPIPE') {
    host.stderr.write(`csp: error: cannot write to standard output (${lost}${lost === 'EBADF' ? ': it is closed' : ''}); the output is incomplete\n`);
    host.stderr.write('  help: send the output to a file or a pipe that can take it\n');
  }
  return code === EXIT.ok ? EXIT.environment : code;
}
