/**
 * Errors that reach the user carry their exit code: 1 data errors or a
 * refused change, 2 usage, 3 environment (I/O, lock, git state, standard
 * output closed). Anything else is a bug and is reported as such, with exit
 * code 4 so that scripts never take it for "the plan has errors" (stack only
 * with --debug).
 */
export const EXIT = { ok: 0, data: 1, usage: 2, environment: 3, internal: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Marks csp's errors; see `Symbol.hasInstance` below. */
const CSP_ERROR = Symbol.for('csp.CspError');

export class CspError extends Error {
  /**
   * The bundle holds two copies of this module (dist/csp.cjs and dist/parser.cjs, see
   * scripts/build.mjs), so `instanceof` asks for the mark rather than the class.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CSP_ERROR] === true;
  }

  readonly [CSP_ERROR] = true;

  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CspError';
  }
}

export const usageError = (message: string, hint?: string) => new CspError(message, EXIT.usage, hint);
export const dataError = (message: string, hint?: string) => new CspError(message, EXIT.data, hint);
export const environmentError = (message: string, hint?: string) => new CspError(message, EXIT.environment, hint);
