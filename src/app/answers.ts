/**
 * A read-only command answered once per question: when the plan's files are those of the last
 * time the same question was asked (same command, options, day, width and colour, csp build),
 * the answer kept then is printed (io/answer-cache.ts); otherwise it is computed and kept.
 */
import type { ExitCode } from '../errors.js';
import { coldRun, planState, readAnswer, writeAnswer } from '../io/answer-cache.js';
import { openCache } from '../io/cache.js';
import { buildId } from '../io/cache-file.js';
import { nowMs } from '../io/clock.js';
import { sha256 } from '../io/hash.js';
import type { PlanLocation } from '../io/plan-files.js';
import { locatePlan } from './repository.js';
import { type Scope, useCache } from './scope.js';

/** Where a command prints: what it computes goes through these. */
export interface Printer {
  out(text: string | Uint8Array): void;
  err(text: string): void;
}

/**
 * Runs `compute` (which prints through the printer it is given), unless the kept answer to the
 * same question about the same files can be printed instead. An answer is kept under the state
 * the files had before it was computed, and only when nothing was printed on standard error. The
 * state is not taken again afterwards: a file written while the answer was computed has a later
 * change time from then on (planState holds it, and the kernel never sets it back), so its state
 * can never again be the one the answer is kept under, and the answer is never printed for it.
 */
export async function answerOnce(
  scope: Scope,
  printer: Printer,
  command: string,
  question: Record<string, unknown>,
  compute: (printer: Printer) => Promise<ExitCode>,
): Promise<ExitCode> {
  if (!useCache(scope)) return compute(printer);
  let location: PlanLocation;
  try {
    location = locatePlan(scope);
  } catch {
    // No plan: computing says so.
    return compute(printer);
  }
  const access = openCache(location.root, scope.env);
  // A cold run (no load cache, no kept answer yet) computes and keeps nothing: the state of every
  // file would cost it more than a kept answer saves (≈ 0.2 s at 10,000 files); the next run keeps one.
  if (!access || coldRun(access, command, location.planDir)) return compute(printer);
  const { asOf, asOfGiven, today } = scope;
  const asked = sha256(Buffer.from(JSON.stringify({ build: buildId(), command, question, asOf, asOfGiven, today }), 'utf8'));
  const state = (): string | undefined => {
    try {
      return planState(location, nowMs());
    } catch {
      return undefined;
    }
  };
  const before = state();
  const kept = before !== undefined ? readAnswer(access, command, location.planDir, asked, before) : undefined;
  if (kept) {
    printer.out(kept.out);
    return kept.code as ExitCode;
  }
  const out: Buffer[] = [];
  let quiet = true;
  const code = await compute({
    // Encoded once, printed and kept as the same bytes (a dashboard of 10,000 initiatives in JSON is
    // ≈ 7 MB of text, whose encoding costs tens of milliseconds).
    out: (text) => {
      const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
      out.push(bytes);
      printer.out(bytes);
    },
    err: (text) => {
      quiet = false;
      printer.err(text);
    },
  });
  if (before !== undefined && quiet) writeAnswer(access, command, location.planDir, asked, before, { code, out: Buffer.concat(out) });
  return code;
}
