/** The one place that decides colour and width, from flags, environment and the terminal. */
export interface TerminalOptions {
  /** commander's --color / --no-color: true, false or undefined when not given. */
  color?: boolean;
}

export function useColor(opts: TerminalOptions, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  // A flag on the command line says what this run wants, over the environment's standing wish.
  if (opts.color === false) return false;
  if (opts.color === true) return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

export function terminalWidth(env: NodeJS.ProcessEnv, columns: number | undefined): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return columns && columns > 0 ? columns : 100;
}
