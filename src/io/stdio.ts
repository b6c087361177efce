/**
 * Standard output and error, written with plain synchronous writes.
 * `process.stdout` builds a stream when first touched, and for a pipe loads
 * Node's net module to do so: ≈ 5 ms of every run, for output that is
 * written once and whole. The streams are synchronous for files and pipes
 * on Linux and macOS anyway, so the output is the same.
 */
import { fstatSync, readFileSync, statSync, writeSync } from 'node:fs';

export type StdFd = 1 | 2;

/** Streams whose reader went away (`csp status | head`) or that are closed: further output is dropped. */
const closed = new Set<StdFd>();
/** Why standard output could not be written (EPIPE, EBADF, ENOSPC, …), when it could not: the run then fails. */
let lostOutput: string | undefined;

/** Whether anything was meant for standard output. */
let wroteOutput = false;

/** The error code that kept output from standard output, if any did. */
export function outputLost(): string | undefined {
  if (lostOutput === undefined && wroteOutput && startedClosed(1)) lostOutput = 'EBADF';
  return lostOutput;
}

/**
 * Whether the descriptor was closed when csp started (`csp status >&-`).
 * Node opens /dev/null read-write in place of a closed standard descriptor,
 * so writes to it succeed; a shell redirection (`> /dev/null`) opens it
 * write-only. Linux tells the two apart in /proc/self/fdinfo.
 */
function startedClosed(fd: StdFd): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice() || !isDevNull(st.rdev)) return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
    return flags !== null && (parseInt(flags[1]!, 8) & 3) === 2;
  } catch {
    return false;
  }
}

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

let pause: Int32Array | undefined;

export function writeTo(fd: StdFd, text: string | Uint8Array): void {
  if (fd === 1 && text.length > 0) wroteOutput = true;
  if (closed.has(fd) || text.length === 0) return;
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
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
      // The reader went away, the descriptor is closed (`csp status >&-`) or the disk is full:
      // nothing more can be written there. For standard output that fails the run (cli/main.ts).
      closed.add(fd);
      if (fd === 1) lostOutput ??= code ?? 'EIO';
      return;
    }
  }
}
