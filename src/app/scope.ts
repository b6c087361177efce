/**
 * What a use case is given by the command that calls it: where the plan is (--plan, the
 * environment, the working folder), the day it is viewed as of, and whether the load cache
 * may be used. The CLI's CommandContext is one; tests may make their own.
 */
export interface Scope {
  readonly options: { readonly plan?: string; readonly cache?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The day the plan is evaluated as of: --as-of, else today (moved to a note's date ahead: see repository.ts). */
  asOf: string;
  /** Whether --as-of was given (a look back), rather than today. */
  readonly asOfGiven: boolean;
  /** The latest date anywhere on earth (UTC+14): a note after it is in the future. */
  readonly today: string;
  /** Standard error, for notes that are not errors. */
  err(text: string): void;
}

/** Whether to use the load cache: not with --no-cache or CSP_NO_CACHE=1. */
export function useCache(scope: Pick<Scope, 'options' | 'env'>): boolean {
  const env = scope.env;
  return scope.options.cache !== false && !(env.CSP_NO_CACHE !== undefined && env.CSP_NO_CACHE !== '' && env.CSP_NO_CACHE !== '0');
}
