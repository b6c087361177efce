/**
 * Standard output and error, written with plain synchronous writes.
 * `process.stdout` builds a stream when first touched, and for a pipe loads
 * Node's net module to do so: ≈ 5 ms of every run, for output that is
 * written once and whole. The streams are synchronous for files and pipes
 * on Linux and macOS anyway, so the output is the same.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

export type StdFd = 1 | 2;

/** Streams whose reader went away (`csp status | head`): further output is dropped, as the reader wanted. */
const closed = new Set<StdFd>();

/**
 * Whether the descriptor is a terminal. Pipes, files and /dev/null are told
 * apart without loading node:tty (and node:net under it, ≈ 8 ms).
 */
export function isTerminal(fd: StdFd): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice() || isDevNull(st.rdev)) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}

function isDevNull(rdev: number): boolean {
  try {
    return statSync('/dev/null').rdev === rdev;
  } catch {
    return false;
  }
}

/** The terminal's width in columns, when standard output is a terminal. */
export function terminalColumns(): number | undefined {
  return isTerminal(1) ? process.stdout.columns : undefined;
}

let pause: Int32Array | undefined;

export function writeTo(fd: StdFd, text: string): void {
  if (closed.has(fd) || text === '') return;
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking pipe that is full: wait a moment for the reader.
        pause ??= new Int32Array(new SharedArrayBuffer(4));
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      if (code === 'EPIPE') {
        closed.add(fd);
        return;
      }
      throw err;
    }
  }
}
