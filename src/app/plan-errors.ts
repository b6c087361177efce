import { countBySeverity, type Diagnostic } from '../core/diagnostics.js';
import { CspError, EXIT } from '../errors.js';

const SHOWN_ERRORS = 5;

/**
 * A refusal because files have errors (exit 1). The CLI prints `shown` (the first few
 * errors) before the message, with their source lines.
 */
export class PlanErrors extends CspError {
  constructor(
    message: string,
    hint: string,
    readonly shown: readonly Diagnostic[],
    readonly sources: ReadonlyMap<string, string>,
  ) {
    super(message, EXIT.data, hint);
  }
}

/** Stops (exit 1) with the first few errors when there are any; `what` names what has them ("the plan", "review x"). */
export function stopOnErrors(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, what: string): void {
  const { errors } = countBySeverity(diagnostics);
  if (errors === 0) return;
  const shown = diagnostics.filter((d) => d.severity === 'error').slice(0, SHOWN_ERRORS);
  const more = errors > shown.length ? ` (${errors - shown.length} more not shown)` : '';
  throw new PlanErrors(`${what} has ${errors} error${errors === 1 ? '' : 's'}${more}`, "fix them first; 'csp validate' lists every problem", shown, sources);
}

/** The error as PlanErrors, when it is one (`instanceof` would match every CspError: see errors.ts). */
export function planErrorsOf(err: unknown): PlanErrors | undefined {
  return err instanceof CspError && Array.isArray((err as Partial<PlanErrors>).shown) ? (err as PlanErrors) : undefined;
}
