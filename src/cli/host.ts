/**
 * What a run of csp is given by whoever starts it: the process (process-host.ts, the
 * bundle's entry) or a test (test/helpers/cli.ts). Nothing below the entry reads `process`:
 * environment, working folder, standard streams and the clock (CSP_NOW, in `env`) come from here.
 */
type Env = Readonly<Record<string, string | undefined>>;

interface HostOutput {
  /** Text, or bytes already encoded as UTF-8 (a kept answer). */
  write(text: string | Uint8Array): void;
  /** Whether it is a terminal (colour, width, the editor). */
  readonly isTTY: boolean;
  /** The terminal's width in columns, when it is one. */
  readonly columns: number | undefined;
}

export interface Host {
  readonly env: Env;
  readonly cwd: string;
  readonly stdin: {
    /** All of standard input, read when a command asks for it ('-'). */
    read(): Uint8Array;
    readonly isTTY: boolean;
  };
  readonly stdout: HostOutput;
  readonly stderr: HostOutput;
  /** Why standard output could not be written (EPIPE, EBADF, ENOSPC, …), when it could not. */
  outputLost(): string | undefined;
}
